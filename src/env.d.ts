/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Text size and contrast for pages rendered on request. */
    prefs: import('./lib/preferences').Prefs;
  }
}
