// The demo page: one function per mode, chosen from the URL.
import { startDailyDemo } from './daily-demo';
import { startReplayDemo } from './replay-demo';
import { demoStage } from './stage';

const stage = demoStage();
const url = new URLSearchParams(location.search).get('url');
if (url) startDailyDemo(stage, url);
else
  startReplayDemo(stage).catch((err: unknown) => {
    stage.describe(`Could not load the recorded traces: ${err instanceof Error ? err.message : String(err)}`);
  });
