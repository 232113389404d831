-- A letter a coordinator handled by hand (printed and posted, or sent another way after the relay refused it or
-- never answered): its "Courrier à imprimer et envoyer" / "Courrier non remis" task completed. The delivery then
-- reads HANDLED, with who completed the task (handled_by) and when (sent_at).
alter table letter_delivery add column handled_by varchar(64);
