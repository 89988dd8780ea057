/**
 * The key pair the demo panel (`npm start`, port 3000) accepts when nothing else is configured.
 * They are public on purpose: the README, the seed data and the admin's "Add Server" demo refer to
 * these constants instead of copying the strings. Never use them for anything but a local demo.
 */
export const DEMO_API_KEY = 'npk_demo_7f3a9c2e51d84b60';
export const DEMO_API_SECRET = 'nps_demo_c41e8b7a29f3d506e8a1';

/** The port the guide gives the first NextPanel server (billing API 8001, admin 4000). */
export const DEFAULT_PANEL_PORT = 3000;
