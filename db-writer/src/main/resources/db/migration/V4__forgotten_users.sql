-- /forgetme: a user can have the bot forget them. The processor publishes their profile without names and with
-- forgotten_at set, and a FORGET ledger entry that forfeits the balance. Here that profile deletes the user's unlocks
-- and nulls the reasons of their ledger entries, while every entry keeps its sequence, delta and balance_after, so
-- user_balances and the ledger's invariants still hold.
--
-- Why triggers: users, contact.unlocks and credit.ledger are consumed independently and replayed from any point
-- (contact.unlocks and credit.ledger keep 3650 days). An unlock written before the profile, or replayed after it,
-- must not survive, whatever order the rows arrive in. So the rule sits where all three tables meet: a forgotten
-- profile clears what came before it, and a row from before it is refused (unlocks) or stripped (ledger reasons) on
-- its way in. Rows after forgotten_at belong to a user who came back, and are kept.
ALTER TABLE users ADD COLUMN forgotten_at timestamptz;

CREATE FUNCTION forget_user_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM unlocks
     WHERE user_id = NEW.user_id AND (unlocked_at IS NULL OR unlocked_at <= NEW.forgotten_at);
    UPDATE credit_ledger SET reason = NULL
     WHERE user_id = NEW.user_id AND reason IS NOT NULL
       AND (recorded_at IS NULL OR recorded_at <= NEW.forgotten_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_forgotten_on_insert AFTER INSERT ON users
    FOR EACH ROW WHEN (NEW.forgotten_at IS NOT NULL) EXECUTE FUNCTION forget_user_rows();
CREATE TRIGGER users_forgotten_on_update AFTER UPDATE OF forgotten_at ON users
    FOR EACH ROW WHEN (NEW.forgotten_at IS DISTINCT FROM OLD.forgotten_at) EXECUTE FUNCTION forget_user_rows();

-- A replayed unlock from before the user was forgotten is dropped on its way in (RETURN NULL skips the row).
CREATE FUNCTION refuse_unlock_of_forgotten_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM users u
                WHERE u.user_id = NEW.user_id AND u.forgotten_at IS NOT NULL
                  AND (NEW.unlocked_at IS NULL OR NEW.unlocked_at <= u.forgotten_at)) THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER unlocks_not_before_forgetting BEFORE INSERT ON unlocks
    FOR EACH ROW EXECUTE FUNCTION refuse_unlock_of_forgotten_user();

-- A replayed ledger entry from before the user was forgotten is written (the ledger stays whole), without its reason.
CREATE FUNCTION strip_reason_of_forgotten_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.reason IS NOT NULL AND EXISTS (
            SELECT 1 FROM users u
             WHERE u.user_id = NEW.user_id AND u.forgotten_at IS NOT NULL
               AND (NEW.recorded_at IS NULL OR NEW.recorded_at <= u.forgotten_at)) THEN
        NEW.reason := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER credit_ledger_no_reason_before_forgetting BEFORE INSERT ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION strip_reason_of_forgotten_user();
