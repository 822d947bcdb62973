// The Opsbook site. `opsbook site` builds it through Astro's JavaScript API and adds, per build,
// the output folder, `site`, `base` and the opsbook integration with the model it renders
// (integrations/opsbook.mjs); the pages never parse tickets or derive anything themselves.
// A team may restyle the site; settings made here apply to both audiences.
import { defineConfig } from 'astro/config';

export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
});
