import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** 党支部: every learner belongs to at most one branch. */
export const branches = sqliteTable('branches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
});

/** People, identified by a mainland mobile number. Times are UTC epoch milliseconds. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 11 digits, starting with 1. */
    phone: text('phone').notNull(),
    displayName: text('display_name').notNull(),
    branchId: integer('branch_id').references(() => branches.id, { onDelete: 'set null' }),
    /** argon2id; null until the person sets a password with a one-time code. */
    passwordHash: text('password_hash'),
    /** Volunteers answer help requests in the 智慧助老 centre. */
    volunteer: integer('volunteer', { mode: 'boolean' }).notNull().default(false),
    /** Reviewers approve studio courses before learners see them (admins review without the flag). */
    reviewer: integer('reviewer', { mode: 'boolean' }).notNull().default(false),
    /**
     * Created while demo mode was on (the demo seed, or someone registering on the demo site).
     * `npm start` refuses demo mode on a database holding any account that is not demo.
     */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    disabledAt: integer('disabled_at'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    /**
     * When the person agreed to the 个人信息保护说明 (/privacy/): ticked at registration, or
     * acknowledged at the first sign-in for people created by an import. Null: they are shown the
     * notice before any other page.
     */
    privacyAcceptedAt: integer('privacy_accepted_at'),
    /** Security notices (谁在什么时候为您发了重置码) up to this time have been shown to the person. */
    noticesSeenAt: integer('notices_seen_at'),
    /**
     * 入党日期 as YYYY-MM-DD (Beijing calendar), recorded by the member in /account/ if they wish:
     * private, in their data export, and the day of their 政治生日 greeting. Null: not given.
     */
    partyJoinedOn: text('party_joined_on'),
  },
  (table) => [uniqueIndex('users_phone_unique').on(table.phone)],
);

/** liaison: 支部联络员, who looks after the members of their own 党支部 (invitations, reset codes, progress). */
export const ROLES = ['learner', 'instructor', 'organiser', 'admin', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

/** A person may hold several roles. */
export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.role] })],
);

/** Sessions per the Lucia guide: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastActiveAt: integer('last_active_at').notNull(),
    /** A plain description of the device, for the list of signed-in devices. */
    device: text('device').notNull().default(''),
    /** Set once the person has given their authenticator code (or a recovery code) in this session. */
    twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/** Failed sign-ins, per account and per IP, kept in the database so they survive restarts. */
export const loginThrottle = sqliteTable('login_throttle', {
  /** `phone:<number>` or `ip:<address>`. */
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
});

/** Invitation codes an admin hands out; registration needs one unless open registration is on. */
export const invitations = sqliteTable('invitations', {
  code: text('code').primaryKey(),
  branchId: integer('branch_id').references(() => branches.id, { onDelete: 'set null' }),
  maxUses: integer('max_uses').notNull(),
  uses: integer('uses').notNull().default(0),
  expiresAt: integer('expires_at').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/** One-time codes: a first sign-in code for imported people, or a 6-digit password reset code. */
export const oneTimeCodes = sqliteTable(
  'one_time_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['signin', 'reset'] }).notNull(),
    codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('one_time_codes_user').on(table.userId, table.purpose)],
);

/**
 * A spreadsheet import between its preview and its confirmation (learners, or a question bank's
 * questions): the validated rows wait here, so the server stays stateless and nothing is imported
 * until the person who uploaded the file confirms.
 */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** *-source: a file's rows held while its columns are matched (the people import drops personal columns first). */
  kind: text('kind', { enum: ['learners', 'questions', 'learners-source', 'questions-source'] }).notNull().default('learners'),
  /** What the rows go into: the question bank's id; null for learners. */
  targetId: integer('target_id'),
  createdBy: integer('created_by')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  /** JSON: the preview's valid rows; for a *-source batch, the file's sheets. */
  rows: text('rows').notNull(),
  invalidCount: integer('invalid_count').notNull(),
  createdAt: integer('created_at').notNull(),
  importedAt: integer('imported_at'),
});

/**
 * A person's authenticator app (TOTP, RFC 6238: 30-second steps, 6 digits). The key is encrypted
 * with the server's secret key, so a copy of the database alone cannot produce codes.
 */
export const totpCredentials = sqliteTable('totp_credentials', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** AES-256-GCM: 12-byte nonce, ciphertext, 16-byte tag. */
  encryptedKey: blob('encrypted_key', { mode: 'buffer' }).notNull(),
  /** The last time step whose code was accepted: a code is never accepted twice. */
  lastUsedStep: integer('last_used_step').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One-time recovery codes for when the phone with the authenticator app is lost; SHA-256 only. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('recovery_codes_user').on(table.userId)],
);

/**
 * 安全记录: every security event (roles changed, a code issued or used, two-step sign-in reset, a
 * password changed, an account disabled), kept a year for admins to read. Names are copied at the
 * time, so the record still reads after an account is closed (the ids then become null).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** What happened: see AuditKind in src/lib/audit-text.ts. */
    kind: text('kind').notNull(),
    /** Who did it; null when done from the server's shell or by the person's account since closed. */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name').notNull().default(''),
    /** Whose account it concerns. */
    subjectId: integer('subject_id').references(() => users.id, { onDelete: 'set null' }),
    subjectName: text('subject_name').notNull().default(''),
    /** JSON: roles before and after, the branch of an invitation code … */
    detail: text('detail').notNull().default('{}'),
  },
  (table) => [index('audit_log_at').on(table.at), index('audit_log_subject').on(table.subjectId, table.at)],
);
