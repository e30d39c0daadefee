PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_volunteer_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volunteer_id` integer,
	`volunteer_name` text DEFAULT '' NOT NULL,
	`branch_name` text,
	`request_id` integer,
	`activity_id` integer,
	`minutes` integer NOT NULL,
	`served_at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`deleted_by` integer,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`deleted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- Existing rows: the name and 党支部 each volunteer has now (hand-written; drizzle-kit would copy columns the old table lacks).
INSERT INTO `__new_volunteer_hours`("id", "volunteer_id", "volunteer_name", "branch_name", "request_id", "activity_id", "minutes", "served_at", "note", "recorded_by", "created_at")
SELECT h."id", h."volunteer_id", coalesce(u."display_name", ''), b."name", h."request_id", h."activity_id", h."minutes", h."served_at", h."note", h."recorded_by", h."created_at"
FROM `volunteer_hours` h LEFT JOIN `users` u ON u."id" = h."volunteer_id" LEFT JOIN `branches` b ON b."id" = u."branch_id";--> statement-breakpoint
DROP TABLE `volunteer_hours`;--> statement-breakpoint
ALTER TABLE `__new_volunteer_hours` RENAME TO `volunteer_hours`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `volunteer_hours_volunteer` ON `volunteer_hours` (`volunteer_id`,`served_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_hours_request` ON `volunteer_hours` (`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_hours_activity` ON `volunteer_hours` (`activity_id`,`volunteer_id`);--> statement-breakpoint
-- DROP TABLE took 0010's triggers with it: 0–8 hours a row, whatever the code does.
CREATE TRIGGER `volunteer_hours_minutes_valid_insert` BEFORE INSERT ON `volunteer_hours`
WHEN NEW.`minutes` < 0 OR NEW.`minutes` > 480
BEGIN SELECT RAISE(ABORT, 'volunteer_minutes_out_of_range'); END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_hours_minutes_valid_update` BEFORE UPDATE OF `minutes` ON `volunteer_hours`
WHEN NEW.`minutes` < 0 OR NEW.`minutes` > 480
BEGIN SELECT RAISE(ABORT, 'volunteer_minutes_out_of_range'); END;
--> statement-breakpoint
-- Closing an account keeps the hours for the 党支部 but not the person's name (the privacy notice
-- promises their records go): the copy becomes a token that only tells closed volunteers apart.
CREATE TRIGGER `volunteer_hours_forget_name` BEFORE DELETE ON `users`
BEGIN UPDATE `volunteer_hours` SET `volunteer_name` = '已注销#' || OLD.`id` WHERE `volunteer_id` = OLD.`id`; END;
