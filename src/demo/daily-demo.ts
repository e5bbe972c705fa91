import Daily from '@daily-co/daily-js';
import { mountCallHealth } from '../index';
import type { DemoStage } from './stage';

/** `?url=<Daily room>`: the room in a Prebuilt frame, the panel docked beside it. */
export function startDailyDemo(stage: DemoStage, url: string): void {
  const call = Daily.createFrame(stage.frame, {
    url,
    showLeaveButton: true,
    iframeStyle: { width: '100%', height: '100%', border: '0', borderRadius: '12px' },
  });
  mountCallHealth(stage.side, { call, mode: 'panel' });
  stage.describe(`Monitoring ${url}`);
  void call.join();
}
