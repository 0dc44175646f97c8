-- Every statement that writes to the outbox notifies the service's relay (commons-events' OutboxWakeUp).
-- PostgreSQL delivers a notification only when the transaction commits, and folds the duplicates of one
-- transaction into one, so the relay is woken once per commit and never for a rollback.
CREATE OR REPLACE FUNCTION outbox_event_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS outbox_event_written ON outbox_event;
CREATE TRIGGER outbox_event_written AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_written();
