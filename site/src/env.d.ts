/// <reference types="astro/client" />

/** The build's options, from the opsbook integration (integrations/opsbook.mjs). */
declare module 'virtual:opsbook/site' {
  export const audience: 'public' | 'internal';
  /** Absolute path of the site model that `opsbook site` wrote for this build. */
  export const modelFile: string;
}
