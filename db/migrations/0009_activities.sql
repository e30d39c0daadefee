CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`film_slug` text,
	`destination` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`venue_name` text NOT NULL,
	`venue_address` text NOT NULL,
	`venue_room` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`talk_topic` text,
	`talk_speaker` text,
	`lesson_id` text,
	`notes` text DEFAULT '' NOT NULL,
	`signup_closes_at` integer NOT NULL,
	`companions_allowed` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`status_reason` text DEFAULT '' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activities_starts` ON `activities` (`starts_at`);--> statement-breakpoint
CREATE INDEX `activities_film` ON `activities` (`film_slug`);--> statement-breakpoint
CREATE TABLE `activity_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`user_id` integer,
	`guest_name` text,
	`guest_phone` text,
	`seats` integer NOT NULL,
	`companion_name` text,
	`status` text NOT NULL,
	`seats_held` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT 'self' NOT NULL,
	`queued_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`promoted_at` integer,
	`cancelled_at` integer,
	`cancelled_from` text,
	`released_at` integer,
	`checked_in_at` integer,
	`checked_in_by` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_signups_person` ON `activity_signups` (`activity_id`,`user_id`) WHERE status <> 'cancelled' and user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `activity_signups_guest` ON `activity_signups` (`activity_id`,`guest_phone`) WHERE status <> 'cancelled' and user_id is null;--> statement-breakpoint
CREATE INDEX `activity_signups_queue` ON `activity_signups` (`activity_id`,`status`,`queued_at`);--> statement-breakpoint
CREATE INDEX `activity_signups_user` ON `activity_signups` (`user_id`);--> statement-breakpoint
CREATE INDEX `activity_signups_held` ON `activity_signups` (`cancelled_at`) WHERE status = 'cancelled' and seats_held > 0;--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`token_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `reflections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`body` text NOT NULL,
	`show_name` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reject_reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reflections_one_per_person` ON `reflections` (`activity_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `reflections_status` ON `reflections` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_user` ON `messages` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_subject` ON `messages` (`subject`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_dedupe` ON `messages` (`user_id`,`dedupe_key`);--> statement-breakpoint
-- Seats are the database's rule, not only the code's: no write may leave an activity's held seats
-- above its capacity, whatever raced with it.
CREATE TRIGGER `activity_signups_no_overbooking_insert` AFTER INSERT ON `activity_signups`
WHEN NEW.`seats_held` > 0 AND (SELECT COALESCE(SUM(`seats_held`), 0) FROM `activity_signups` WHERE `activity_id` = NEW.`activity_id`) > (SELECT `capacity` FROM `activities` WHERE `id` = NEW.`activity_id`)
BEGIN SELECT RAISE(ABORT, 'activity_overbooked'); END;
--> statement-breakpoint
CREATE TRIGGER `activity_signups_no_overbooking_update` AFTER UPDATE OF `seats_held` ON `activity_signups`
WHEN NEW.`seats_held` > OLD.`seats_held` AND (SELECT COALESCE(SUM(`seats_held`), 0) FROM `activity_signups` WHERE `activity_id` = NEW.`activity_id`) > (SELECT `capacity` FROM `activities` WHERE `id` = NEW.`activity_id`)
BEGIN SELECT RAISE(ABORT, 'activity_overbooked'); END;
--> statement-breakpoint
CREATE TRIGGER `activities_capacity_not_below_taken` BEFORE UPDATE OF `capacity` ON `activities`
WHEN NEW.`capacity` < (SELECT COALESCE(SUM(`seats_held`), 0) FROM `activity_signups` WHERE `activity_id` = NEW.`id`)
BEGIN SELECT RAISE(ABORT, 'activity_capacity_below_taken'); END;
--> statement-breakpoint
CREATE TRIGGER `activity_signups_seats_valid_insert` BEFORE INSERT ON `activity_signups`
WHEN NEW.`seats` NOT IN (1, 2) OR NEW.`seats_held` < 0 OR NEW.`seats_held` > NEW.`seats`
BEGIN SELECT RAISE(ABORT, 'activity_signup_seats_invalid'); END;
--> statement-breakpoint
CREATE TRIGGER `activity_signups_seats_valid_update` BEFORE UPDATE OF `seats`, `seats_held` ON `activity_signups`
WHEN NEW.`seats` NOT IN (1, 2) OR NEW.`seats_held` < 0 OR NEW.`seats_held` > NEW.`seats`
BEGIN SELECT RAISE(ABORT, 'activity_signup_seats_invalid'); END;
