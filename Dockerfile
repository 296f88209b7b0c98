# The service as compose.yaml runs it: Node 20, the packages of package-lock.json, compiled at build.
FROM node:20-bookworm-slim

# Chromium prints the receipt PDFs (INDBERET_CHROMIUM defaults to /usr/bin/chromium).
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Packages first, so a change of source files reuses this layer. The install scripts of the two
# native packages run; the project's own (the build) waits for the sources below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3 esbuild
COPY . .
# dist/ belongs to the service's user: it caches there the browser module of a round published
# after the build.
RUN npm run build && mkdir -p /app/data && chown -R node:node /app/data /app/dist

USER node
ENV NODE_ENV=production PORT=3000 INDBERET_DATA_DIR=/app/data
EXPOSE 3000
# What `npm start` runs, without npm in between, so SIGTERM reaches the service itself.
CMD ["node", "bin/start.js", "serve"]
