import type { CareDeskBridge } from '../../shared/ipc';

declare global {
  interface Window {
    caredesk: CareDeskBridge;
  }
}
