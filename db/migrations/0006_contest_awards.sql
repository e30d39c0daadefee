CREATE TABLE `contest_awards` (
	`code` text PRIMARY KEY NOT NULL,
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`contest_title` text NOT NULL,
	`award` text NOT NULL,
	`rank` integer NOT NULL,
	`score_hundredths` integer NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_awards_contest_user` ON `contest_awards` (`contest_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `contest_awards_user` ON `contest_awards` (`user_id`);