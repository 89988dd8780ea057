/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the billing API, e.g. `http://localhost:8001`. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
