import type { NotificationChannels, NotificationRecord } from '@vigie/core';

/** Channels that deliver nothing and remember every message: drills and tests in simulated time. */
export class RecordingChannels implements NotificationChannels {
  readonly sent: NotificationRecord[] = [];

  send(notification: NotificationRecord): Promise<void> {
    this.sent.push(notification);
    return Promise.resolve();
  }
}
