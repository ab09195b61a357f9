# hubhooks as a container: `hubhooks serve` by default; `serve --no-worker` (API) and `worker` (delivery) for the
# scaled-out layout of compose.yaml. Build from the repository root: docker build -t hubhooks .
#
# Stage 1 builds the TypeScript workspace (tsc -b needs the dev dependencies); stage 2 installs the production
# dependencies alone; the final image has those, the compiled dist/ folders and nothing else (no compiler, no
# sources, no toolchain), and runs as the unprivileged user "node".

FROM node:20-slim AS build
# better-sqlite3 compiles from source where no prebuilt binary matches this Node: a toolchain, in this stage only.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY examples/discussion-bot/package.json ./examples/discussion-bot/
# npm ci runs the root's "prepare" script: tsc -b, which writes each package's dist/.
RUN npm ci --no-audit --no-fund

FROM node:20-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/schemas/package.json ./packages/schemas/
COPY packages/client/package.json ./packages/client/
COPY packages/receiver/package.json ./packages/receiver/
COPY packages/server/package.json ./packages/server/
COPY packages/cli/package.json ./packages/cli/
COPY examples/discussion-bot/package.json ./examples/discussion-bot/
# Production dependencies only. --ignore-scripts: the root's "prepare" (tsc -b) has no compiler here and the
# build is stage 1's; the one install script the service needs, better-sqlite3's native build, runs by name.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production HUBHOOKS_HOST=0.0.0.0 HUBHOOKS_PORT=7861 HUBHOOKS_DATABASE_URL=/data/hubhooks.db
WORKDIR /app
COPY --from=deps /app ./
COPY --from=build /app/packages/schemas/dist ./packages/schemas/dist
COPY --from=build /app/packages/client/dist ./packages/client/dist
COPY --from=build /app/packages/receiver/dist ./packages/receiver/dist
COPY --from=build /app/packages/server/dist ./packages/server/dist
COPY --from=build /app/packages/cli/dist ./packages/cli/dist
COPY packages/cli/bin ./packages/cli/bin
# SQLite (one container, `hubhooks serve`) keeps its file in /data: mount a volume there. PostgreSQL: set
# HUBHOOKS_DATABASE_URL=postgres://… (compose.yaml).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 7861
# Readiness of an API process (/ready: the database answers and its schema is at head). A worker has no HTTP port: compose.yaml
# turns this check off for workers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HUBHOOKS_PORT || 7861) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/packages/cli/bin/hubhooks.js"]
CMD ["serve"]
