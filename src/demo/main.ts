// The demo page: `?url=<Daily room>` monitors that room; otherwise an offline mode from a picker (a live
// local call by default, `?mode=replay[&trace=<file>]` for the recorded traces).
import { startDailyDemo } from './daily-demo';
import { startModes } from './modes';
import { demoStage } from './stage';

const stage = demoStage();
const params = new URLSearchParams(location.search);
const url = params.get('url');
if (url) startDailyDemo(stage, url);
else startModes(stage, params);
