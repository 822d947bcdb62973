// The Opsbook site. It renders the site model that `opsbook site` prepares (OPSBOOK_SITE_MODEL,
// for the audience in OPSBOOK_SITE_AUDIENCE) and never parses tickets or derives anything itself.
import { defineConfig } from 'astro/config';
import opsbook from './integrations/opsbook.mjs';

export default defineConfig({
  site: process.env.OPSBOOK_SITE_URL || 'https://status.example.com',
  base: process.env.OPSBOOK_BASE_PATH || '/',
  outDir: process.env.OPSBOOK_OUT_DIR || './dist/public',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  integrations: [opsbook()],
  telemetry: false,
});
