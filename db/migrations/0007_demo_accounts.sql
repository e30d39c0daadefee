ALTER TABLE `users` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Databases the demo seeded before accounts were marked: every account in them was made in demo mode.
UPDATE `users` SET `demo` = true WHERE EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'demo_seeded_at');
