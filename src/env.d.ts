/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Text size and contrast for pages rendered on request. */
    prefs: import('./lib/preferences').Prefs;
    /** The signed-in person, or null. Always null on prerendered pages. */
    user: import('./lib/server/users').User | null;
    session: import('./lib/server/session').Session | null;
  }
}
