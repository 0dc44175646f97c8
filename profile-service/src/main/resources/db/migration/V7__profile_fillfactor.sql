-- A profile row is rewritten by every batch of events that touches the customer. Room left on each page lets
-- PostgreSQL update in place (a HOT update: no new index entry), which is most of the cost of a busy profile.
ALTER TABLE profile SET (fillfactor = 70);
