import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist, which the server serves (src/http/webapp.ts); `npm run dev:web` proxies the API.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, reportCompressedSize: false },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true }, '/disputes': 'http://127.0.0.1:3000' } },
});
