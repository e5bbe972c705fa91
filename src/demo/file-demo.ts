import { METRICS, openRecordingFile, type Recording, type ReplaySource } from '../index';
import { browserOf } from '../core/browser';
import { formatName } from '../sources/formats/format-names';
import { metricsWithout } from '../ui/lacks';
import type { DemoStage } from './stage';

/**
 * Replaying your own file: a file chooser among the replay controls and the whole page as a drop target,
 * for a chrome://webrtc-internals or rtcstats dump, a getStats() snapshot, an exported session or incident
 * (the panel's Download JSON / Export) or a Daily `/logs` response saved with `includeMetrics=1`. A file that
 * isn't one, or can't be replayed, says why in the stage's line (files are held to FILE_LIMITS and opened in
 * slices: see openRecordingFile). Returns the undo.
 */
export function acceptRecordingFiles(
  stage: DemoStage,
  onRecording: (recording: Recording, file: File) => void,
): () => void {
  const doc = stage.controls.ownerDocument;
  const label = doc.createElement('label');
  label.className = 'demo-picker demo-file';
  label.append('Replay a file ');
  const input = doc.createElement('input');
  input.type = 'file';
  input.id = 'recording-file';
  // No accept filter: rtcstats dumps are JSON-lines files, usually without an extension.
  label.append(input);
  stage.controls.append(label);

  const read = async (file: File) => {
    try {
      stage.describe(`Opening ${file.name}…`);
      onRecording(await openRecordingFile(file), file);
    } catch (err) {
      stage.describe(`Could not replay ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const dropping = (on: boolean) => {
    if (on) doc.body.dataset['dropping'] = 'true';
    else delete doc.body.dataset['dropping'];
  };
  const onChange = () => {
    const file = input.files?.[0];
    if (file) void read(file);
    // The same file chosen again (after editing it) must fire change again.
    input.value = '';
  };
  // Without preventDefault on dragover the browser would open a dropped file instead of handing it to us.
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    dropping(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (e.relatedTarget === null) dropping(false);
  };
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    dropping(false);
    if (!file) return;
    e.preventDefault();
    void read(file);
  };
  input.addEventListener('change', onChange);
  doc.addEventListener('dragover', onDragOver);
  doc.addEventListener('dragleave', onDragLeave);
  doc.addEventListener('drop', onDrop);
  return () => {
    doc.removeEventListener('dragover', onDragOver);
    doc.removeEventListener('dragleave', onDragLeave);
    doc.removeEventListener('drop', onDrop);
    dropping(false);
    label.remove();
  };
}


/**
 * The stage's line for a replayed file: what it is, which browser recorded it (so a Firefox gap reads as
 * Firefox's), what was skipped, and for /logs which metrics it can't have.
 */
export function describeRecording(source: ReplaySource, fileName: string, speed: number): string {
  const browser = browserOf(source.userAgent);
  const by = browser ? `, recorded in ${browser}` : source.userAgent ? `, recorded by “${source.userAgent}”` : '';
  let text = `Replaying ${fileName} (${formatName(source.format)}${by}, ${source.trace.description ?? ''}) at ${speed}×.`;
  if (source.warnings.length > 0) text += ` Skipped: ${source.warnings.slice(0, 3).join('; ')}${source.warnings.length > 3 ? ` (+${source.warnings.length - 3} more)` : ''}.`;
  const lacking = metricsWithout(source.lacks).map((id) => METRICS.find((m) => m.id === id)?.label ?? id);
  return lacking.length === 0 ? text : `${text} Daily's /logs lacks ${lacking.join(', ')}: those rows read n/a.`;
}
