# syntax=docker/dockerfile:1
# The app is TypeScript run directly by Node's type stripping: no build step, the sources are
# what runs. Only production dependencies are installed. The web app alone is built, in a stage
# of its own with the build tools, and only its web/dist is kept.
FROM node:24-slim AS web
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema.graphql codegen.yml ./
COPY web ./web
RUN node web/build.ts --force

FROM node:24-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so that a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Everything the server and the CLI read at run time (see .dockerignore for what is left out).
COPY . .
COPY --from=web /build/web/dist ./web/dist

# A named volume mounted on /data takes this ownership, so the unprivileged user can write it.
RUN mkdir -p /data && chown node:node /data
USER node

ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
EXPOSE 3000

# node:24-slim has no curl; Node's fetch does the check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "src/main.ts"]
