CREATE TABLE `guide_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guide_id` text NOT NULL,
	`user_id` integer,
	`helpful` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `guide_feedback_guide` ON `guide_feedback` (`guide_id`,`helpful`);--> statement-breakpoint
CREATE UNIQUE INDEX `guide_feedback_user` ON `guide_feedback` (`guide_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `guide_reads` (
	`guide_id` text PRIMARY KEY NOT NULL,
	`reads` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `help_request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `help_request_events_request` ON `help_request_events` (`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `help_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requester_id` integer NOT NULL,
	`topic` text,
	`problem` text NOT NULL,
	`way` text NOT NULL,
	`preferred_time` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`claimed_by` integer,
	`claimed_at` integer,
	`answer` text DEFAULT '' NOT NULL,
	`minutes` integer,
	`closed_at` integer,
	`closed_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `help_requests_status` ON `help_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_requests_requester` ON `help_requests` (`requester_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_requests_claimed` ON `help_requests` (`claimed_by`,`status`);--> statement-breakpoint
CREATE TABLE `volunteer_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volunteer_id` integer NOT NULL,
	`request_id` integer,
	`activity_id` integer,
	`minutes` integer NOT NULL,
	`served_at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `volunteer_hours_volunteer` ON `volunteer_hours` (`volunteer_id`,`served_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_hours_request` ON `volunteer_hours` (`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_hours_activity` ON `volunteer_hours` (`activity_id`,`volunteer_id`);--> statement-breakpoint
-- 0–8 hours a request or an activity (霞光时间银行): the database refuses anything else, whatever the code does.
CREATE TRIGGER `volunteer_hours_minutes_valid_insert` BEFORE INSERT ON `volunteer_hours`
WHEN NEW.`minutes` < 0 OR NEW.`minutes` > 480
BEGIN SELECT RAISE(ABORT, 'volunteer_minutes_out_of_range'); END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_hours_minutes_valid_update` BEFORE UPDATE OF `minutes` ON `volunteer_hours`
WHEN NEW.`minutes` < 0 OR NEW.`minutes` > 480
BEGIN SELECT RAISE(ABORT, 'volunteer_minutes_out_of_range'); END;
--> statement-breakpoint
CREATE TRIGGER `help_requests_minutes_valid` BEFORE UPDATE OF `minutes` ON `help_requests`
WHEN NEW.`minutes` IS NOT NULL AND (NEW.`minutes` < 0 OR NEW.`minutes` > 480)
BEGIN SELECT RAISE(ABORT, 'volunteer_minutes_out_of_range'); END;
