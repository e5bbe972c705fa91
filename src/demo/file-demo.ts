import { METRICS, parseRecording, type Recording, type ReplaySource } from '../index';
import { metricsWithout } from '../ui/session-view';
import type { DemoStage } from './stage';

/**
 * Replaying your own file: a file chooser among the replay controls and the whole page as a drop target,
 * for an exported session or incident (the panel's Download JSON / Export) or a Daily `/logs` response saved
 * with `includeMetrics=1`. A file that isn't one says why in the stage's line. Returns the undo.
 */
export function acceptRecordingFiles(stage: DemoStage, onRecording: (recording: Recording, fileName: string) => void): () => void {
  const doc = stage.controls.ownerDocument;
  const label = doc.createElement('label');
  label.className = 'demo-picker demo-file';
  label.append('Replay a file ');
  const input = doc.createElement('input');
  input.type = 'file';
  input.id = 'recording-file';
  input.accept = '.json,application/json';
  label.append(input);
  stage.controls.append(label);

  const read = async (file: File) => {
    try {
      onRecording(parseRecording(await file.text()), file.name);
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

const KIND: Record<Recording['format'], string> = {
  session: 'exported session',
  incident: 'exported incident',
  'daily-logs': 'Daily /logs response',
  trace: 'trace',
};

/** The stage's line for a replayed file: what it is, and for /logs which metrics it can't have. */
export function describeRecording(source: ReplaySource, fileName: string, speed: number): string {
  const text = `Replaying ${fileName} (${KIND[source.format]}, ${source.trace.description ?? ''}) at ${speed}×.`;
  const lacking = metricsWithout(source.lacks).map((id) => METRICS.find((m) => m.id === id)?.label ?? id);
  return lacking.length === 0 ? text : `${text} Daily's /logs lacks ${lacking.join(', ')}: those rows read n/a.`;
}
