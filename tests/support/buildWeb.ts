/** vitest globalSetup: the web app built once (when stale) before any test file, so none races another's build. */
import { buildWebIfStale } from '../../web/build.ts';

export default function setup(): void {
  buildWebIfStale();
}
