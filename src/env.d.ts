/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The public address (SITE_URL) from the settings read when the server started. */
    siteUrl: URL;
    /** Demo mode (`npm start`): every page says so. Read from the settings, at build for prerendered pages. */
    demo: boolean;
    /**
     * A published studio page rendered to be written to its file (src/lib/server/studio-pages.ts):
     * the same for every reader, so it is rendered as a prerendered page is.
     */
    asFile?: boolean;
    /** Text size and contrast for pages rendered on request. */
    prefs: import('./lib/preferences').Prefs;
    /** The signed-in person, or null. Always null on prerendered pages. */
    user: import('./lib/server/users').User | null;
    session: import('./lib/server/session').Session | null;
    /** Password given but the authenticator code not yet: the second sign-in step's page uses it. */
    pendingSecondStep: { user: import('./lib/server/users').User; session: import('./lib/server/session').Session } | null;
    /** Roles held back until the person turns on two-step sign-in (admins must). */
    withheldRoles: import('../db/schema/accounts').Role[];
    /**
     * 我的消息 not yet read by the signed-in person (null when nobody is): one indexed count, made
     * only when the header asks for it, after the page has done its work (which may mark them read).
     */
    unreadMessages: (() => Promise<number>) | null;
    /**
     * The drawn phone screens a help guide's <Step>s show, by `<family>/<screen>`: set by the guide
     * and print pages (from src/lib/server/help-library.ts) before the guide renders, so the help
     * components stay off the server modules. A name that matches nothing throws, in words.
     */
    helpScreens?: (ref: string) => import('./schemas/phone-screen').PhoneScreen;
    /**
     * A studio course's review workflow for Workflow.astro (set by middleware for signed-in people):
     * the course, who writes it, and the outcome of the workflow button just pressed (`results`:
     * the panel's Astro.getActionResult of each studioReview action).
     */
    studioWorkflow?: (courseId: number, results: unknown[]) => Promise<import('./lib/studio-workflow').WorkflowPanel | undefined>;
  }
}
