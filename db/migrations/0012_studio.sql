CREATE TABLE `studio_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`lesson_id` integer,
	`author_id` integer,
	`author_name` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`course_id`) REFERENCES `studio_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lesson_id`) REFERENCES `studio_lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `studio_comments_course` ON `studio_comments` (`course_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `studio_course_authors` (
	`course_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`course_id`, `user_id`),
	FOREIGN KEY (`course_id`) REFERENCES `studio_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `studio_course_authors_user` ON `studio_course_authors` (`user_id`);--> statement-breakpoint
CREATE TABLE `studio_course_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`number` integer NOT NULL,
	`snapshot` text NOT NULL,
	`compiled` text NOT NULL,
	`author_id` integer,
	`approved_by` integer,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `studio_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studio_course_versions_number` ON `studio_course_versions` (`course_id`,`number`);--> statement-breakpoint
CREATE TABLE `studio_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`owner_id` integer,
	`title` text NOT NULL,
	`theme` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`hours` text DEFAULT '1' NOT NULL,
	`cover_image` text,
	`cover_alt` text DEFAULT '' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`published_version_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studio_courses_slug` ON `studio_courses` (`slug`);--> statement-breakpoint
CREATE INDEX `studio_courses_owner` ON `studio_courses` (`owner_id`);--> statement-breakpoint
CREATE TABLE `studio_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`actor_name` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `studio_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `studio_events_course` ON `studio_events` (`course_id`,`at`);--> statement-breakpoint
CREATE TABLE `studio_images` (
	`hash` text PRIMARY KEY NOT NULL,
	`widths` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`uploaded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `studio_lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`slug` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`minutes` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`removed_at` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`course_id`) REFERENCES `studio_courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studio_lessons_slug` ON `studio_lessons` (`course_id`,`slug`);--> statement-breakpoint
CREATE INDEX `studio_lessons_course` ON `studio_lessons` (`course_id`,`position`);--> statement-breakpoint
ALTER TABLE `users` ADD `reviewer` integer DEFAULT false NOT NULL;