CREATE TABLE `attempt_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `contest_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attempt_events_attempt` ON `attempt_events` (`attempt_id`,`at`);--> statement-breakpoint
CREATE TABLE `attempt_questions` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`option_order` text NOT NULL,
	`response` text,
	`answered_at` integer,
	`points_hundredths` integer,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `contest_attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`version_id`) REFERENCES `question_versions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `contest_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`number` integer NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`submitted_at` integer,
	`submitted_by` text,
	`score_hundredths` integer,
	`correct` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_number` ON `contest_attempts` (`contest_id`,`user_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_one_open` ON `contest_attempts` (`contest_id`,`user_id`) WHERE submitted_at is null;--> statement-breakpoint
CREATE INDEX `contest_attempts_contest` ON `contest_attempts` (`contest_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `contest_branches` (
	`contest_id` integer NOT NULL,
	`branch_id` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `branch_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contest_extra_time` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`extra_minutes` integer,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`bank_id` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`time_limit_minutes` integer,
	`attempts_allowed` integer DEFAULT 1 NOT NULL,
	`draw_rules` text NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`points` text NOT NULL,
	`eligibility` text DEFAULT 'all' NOT NULL,
	`answers_visible` text DEFAULT 'after_close' NOT NULL,
	`awards` text DEFAULT '[]' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bank_id`) REFERENCES `question_banks`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
