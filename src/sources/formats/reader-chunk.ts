// The readers for files from outside, in one chunk loaded on demand (see dump-reader.ts): the stats-dump
// readers and the WebRTC maths they replay through, the sliced JSON reader and the file decoding. A page that
// only shows the badge never downloads them.
export { dumpRecording } from './dumps/dump-replay';
export { untrustedRecording } from './read-untrusted';
export { fileText } from './file-text';
