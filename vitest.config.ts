import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for us and for mercurius alike; vite would pick the ESM
    // build for our files: two copies, and `instanceof GraphQLError` failing across them.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // The web app (web/dist) that the served page and the browser tests need.
    globalSetup: ['tests/support/buildWeb.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
