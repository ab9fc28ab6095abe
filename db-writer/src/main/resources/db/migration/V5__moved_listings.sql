-- Re-keyed listings (directory-tools RekeyListings): a legacy imp- id was the unkeyed hash of the listing's contact,
-- so the listing is republished under a keyed id and the legacy id's last record says where it went (moved_to).
-- Users' unlocks and the ledger reasons that name the listing ("unlock <id>", "refund: contact of <id> …") move
-- with it, so what a user paid for stays theirs under the new id.
--
-- Why triggers: listings, contact.unlocks and credit.ledger are consumed independently and may be replayed from
-- any point, so an unlock or ledger entry naming the legacy id can arrive after the move. The move re-points what
-- is there; later inserts are re-pointed on their way in. Both are idempotent: a second move record changes
-- nothing, and a replayed unlock lands on its (user, listing) row or its unlock id and is skipped.
ALTER TABLE listings ADD COLUMN moved_to text;
CREATE INDEX listings_moved ON listings (listing_id) WHERE moved_to IS NOT NULL;

CREATE FUNCTION move_listing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE credit_ledger l SET reason = replace(l.reason, NEW.listing_id, NEW.moved_to)
     WHERE l.user_id IN (SELECT u.user_id FROM unlocks u WHERE u.listing_id IN (NEW.listing_id, NEW.moved_to))
       AND strpos(l.reason, NEW.listing_id) > 0;
    -- A user who already holds the new id keeps that unlock; the old one would break (user_id, listing_id).
    DELETE FROM unlocks o
     WHERE o.listing_id = NEW.listing_id
       AND EXISTS (SELECT 1 FROM unlocks n WHERE n.user_id = o.user_id AND n.listing_id = NEW.moved_to);
    UPDATE unlocks SET listing_id = NEW.moved_to WHERE listing_id = NEW.listing_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER listings_moved_on_insert AFTER INSERT ON listings
    FOR EACH ROW WHEN (NEW.moved_to IS NOT NULL) EXECUTE FUNCTION move_listing_rows();
CREATE TRIGGER listings_moved_on_update AFTER UPDATE OF moved_to ON listings
    FOR EACH ROW WHEN (NEW.moved_to IS NOT NULL AND NEW.moved_to IS DISTINCT FROM OLD.moved_to)
    EXECUTE FUNCTION move_listing_rows();

CREATE FUNCTION unlock_under_current_listing_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target text;
BEGIN
    SELECT moved_to INTO target FROM listings WHERE listing_id = NEW.listing_id AND moved_to IS NOT NULL;
    IF target IS NOT NULL THEN
        NEW.listing_id := target;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER unlocks_under_current_listing_id BEFORE INSERT ON unlocks
    FOR EACH ROW EXECUTE FUNCTION unlock_under_current_listing_id();

CREATE FUNCTION ledger_reason_under_current_listing_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved record;
BEGIN
    IF NEW.reason IS NOT NULL THEN
        -- Only moved listings are looked at (partial index): a few, against one short reason.
        FOR moved IN SELECT listing_id, moved_to FROM listings
                      WHERE moved_to IS NOT NULL AND strpos(NEW.reason, listing_id) > 0 LOOP
            NEW.reason := replace(NEW.reason, moved.listing_id, moved.moved_to);
        END LOOP;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER credit_ledger_reason_under_current_listing_id BEFORE INSERT ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_reason_under_current_listing_id();
