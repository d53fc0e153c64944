"""The shared store's security, set by the database: roles, grants, and an audit trail the
server writes and no workstation can rewrite.

Applied (idempotently) after every schema upgrade of a PostgreSQL store, by whoever
upgrades it: a database administrator, with ``zeromile init``.

- **Roles.** ``zeromile_owner`` owns every table and function and cannot log in. The
  group roles ``zeromile_reader``, ``zeromile_inspector``, ``zeromile_supervisor`` and
  ``zeromile_admin`` carry the permissions; each person logs in with a role of their own
  that is a member of one of them (``zeromile user add``). Readers only read;
  inspectors and supervisors write case data; only administrators write people and
  units; nobody but the owner changes the schema.
- **The actor is the server's.** A trigger on ``audit_event`` sets ``actor`` to
  ``session_user`` (the login, which no client setting changes), ``at`` to the server's
  clock, takes the next id under the writers' lock and computes the event's place in
  the hash chain (:func:`core.persistence.audit_chain.chain_hash`, byte for byte), so a
  modified client cannot name someone else or break the chain's order.
- **Append-only.** ``UPDATE``, ``DELETE`` and ``TRUNCATE`` of audit events are refused
  for every role; the chain's head is changed only by the trigger. Only the schema owner
  (or a superuser) could disable the triggers and forge the trail; the verifier would
  still see any edit it made to an existing event.
- **The review, enforced.** Approvals are checked by the server (a supervisor of the
  case's unit, not the requester, not an editor since the last approval);
  ``ready_for_hearing`` needs an approval; a change an approval covers, made any way,
  voids it at the commit (the program voids it itself first; the server catches the rest).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from core.errors import StoreError
from core.persistence import audit_chain

#: Raised whenever the SQL below changes: a store whose installed version is older gets it
#: again from the next ``zeromile init`` (or opening, by a login allowed to install it).
SECURITY_VERSION = 18

OWNER = "zeromile_owner"
READER = "zeromile_reader"
INSPECTOR = "zeromile_inspector"
SUPERVISOR = "zeromile_supervisor"
ADMIN = "zeromile_admin"
GROUPS = (READER, INSPECTOR, SUPERVISOR, ADMIN)
WRITERS = (INSPECTOR, SUPERVISOR, ADMIN)

#: Tables only administrators write (people and units); everything else that is not
#: the trail or bookkeeping of the schema is case data that writers write.
ADMIN_TABLES = ("inspector", "unit", "unit_member")
AUDIT_TABLES = ("audit_event", "audit_head")
#: What a reader's export and evidence check record: facts about reading, not case data.
READER_RECORDS = ("case_export", "integrity_check")
SCHEMA_TABLES = ("zeromile_schema_version",)
#: Tables only the owner's functions read and write: no workstation role is granted them.
OWNER_TABLES = ("content_holder", "content_unit")


# The canonical JSON of audit_chain.chain_hash: keys sorted, no spaces, non-ASCII kept.
def _canonical(row: str) -> str:
    """The SQL text of an audit row's canonical content (``row``: NEW, or a table alias)."""
    return " || ',' || ".join(
        f"'\"{key}\":' || "
        + (
            f"zeromile_json(to_char({row}.at AT TIME ZONE 'UTC', "
            '\'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\'))'
            if key == "at"
            else f"coalesce({row}.{key}::text, 'null')"
            if key in ("case_id", "entity_id")
            else f"zeromile_json({row}.{key})"
        )
        for key in sorted(audit_chain.CONTENT_FIELDS)
    )


def _chain_hash(row: str, prev: str) -> str:
    """The SQL text of :func:`core.persistence.audit_chain.chain_hash` of ``row``."""
    return f"encode(sha256(convert_to({prev} || '{{' || {_canonical(row)} || '}}', 'UTF8')), 'hex')"


#: What an approval covers, as the server reads its own records (the entities of
#: :data:`RECORDED`): the case's facts, vehicles, parties' roles, imports, exhibits and
#: their links, custody and findings. :func:`core.services.review.covers` is the
#: program's side, which judges its own events (a rules run by the findings it changed).
_COVERED_ENTITIES = (
    "shipment", "vehicle", "party_role", "declaration_import", "evidence", "evidence_link",
    "custody", "finding",
)  # fmt: skip
_CASE_FACTS = "ARRAY['reference', 'title', 'jurisdiction', 'unit_id']"
_SERVER_ACTIONS = "('db_insert', 'db_update', 'db_delete')"
#: Changes a void names at most (the rest are counted), like the program's own void.
_NAMED_VOID_CHANGES = 20


def _covered(event: str) -> str:
    """The SQL condition that the server's record ``event`` (an alias of ``audit_event``)
    is a change an approval covers: the case's facts, or anything under it but notes,
    exports, checks and the review itself."""
    entities = ", ".join(f"'{e}'" for e in _COVERED_ENTITIES)
    return (
        f"{event}.entity IN ({entities}) OR ({event}.entity = 'case' AND "
        f"coalesce({event}.new_value, {event}.old_value)::jsonb ?| {_CASE_FACTS})"
    )


# "%%" is one "%" once the driver has read the statement.
_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION zeromile_security_version() RETURNS int
LANGUAGE sql IMMUTABLE AS $$ SELECT {SECURITY_VERSION} $$;

CREATE OR REPLACE FUNCTION zeromile_json(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(to_json(value)::text, 'null') $$;

CREATE OR REPLACE FUNCTION zeromile_audit_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock({audit_chain.LOCK_KEY});
  NEW.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
  NEW.actor := session_user;
  NEW.at := clock_timestamp();
  NEW.xact := txid_current();
  SELECT e.hash INTO prev FROM audit_event e ORDER BY e.id DESC LIMIT 1;
  prev := coalesce(prev, '{audit_chain.GENESIS}');
  NEW.prev_hash := prev;
  NEW.hash := {_chain_hash("NEW", "prev")};
  RETURN NEW;
END $$;

-- The server's own records (db_insert, db_update, db_delete) come from the owner's
-- functions only: a client writing one could void any approval, or hide a change behind
-- a forged record. Runs as the caller, so current_user is the owner only inside them.
CREATE OR REPLACE FUNCTION zeromile_server_actions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events with action %% are the server''s own', NEW.action
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION zeromile_audit_head() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  added_count bigint;
  last_id bigint;
  last text;
  head_hash text;
  handled bigint;
BEGIN
  -- Deferred to the commit, and done by the trigger of the latest event only: updating
  -- the one head row for every statement made a large import (one audit statement per
  -- row) quadratic. Whatever follows (a void's own records, or every statement when a
  -- client sets the constraint IMMEDIATE) ends with a latest event of its own, whose
  -- trigger counts what came after the events already counted. Nothing a client sets
  -- can make it skip.
  SELECT e.id INTO last_id FROM audit_event e ORDER BY e.id DESC LIMIT 1;
  IF NEW.id IS DISTINCT FROM last_id THEN
    RETURN NULL;
  END IF;
  PERFORM zeromile_void_changed();  -- its own records are counted below
  SELECT e.id, e.hash INTO last_id, last FROM audit_event e ORDER BY e.id DESC LIMIT 1;
  SELECT h.last_hash INTO head_hash FROM audit_head h WHERE h.id = 1;
  SELECT max(e.id) INTO handled FROM audit_event e
    WHERE e.xact = txid_current() AND e.hash = head_hash;
  SELECT count(*) INTO added_count FROM audit_event e
    WHERE e.xact = txid_current() AND e.id > coalesce(handled, 0);
  UPDATE audit_head SET count = count + added_count, last_hash = last WHERE id = 1;
  IF NOT FOUND THEN
    INSERT INTO audit_head (id, count, last_hash) VALUES (1, added_count, last);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION zeromile_record_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  entity text := TG_ARGV[0];
  label_key text := TG_ARGV[1];
  case_key text := TG_ARGV[2];
  row_key text := TG_ARGV[3];
  operation text := coalesce(nullif(current_setting('zeromile.operation', true), ''),
                             'db-' || txid_current()::text);
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO audit_event (operation, case_id, entity, entity_id, entity_label, action,
                             field, old_value, new_value, actor, at)
    SELECT operation, (d.n ->> case_key)::int, entity, (d.n ->> row_key)::int,
           left(coalesce(d.n ->> label_key, entity || ' ' || (d.n ->> row_key)), 300),
           'db_update', left(d.keys, 60), d.was::text, d.now::text, session_user,
           clock_timestamp()
    FROM (
      SELECT c.n,
             (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(c.now) k) AS keys,
             c.was, c.now
      FROM (
        SELECT n,
               (SELECT jsonb_object_agg(e.key, o -> e.key) FROM jsonb_each(n) e
                 WHERE e.key NOT IN ('version', 'updated_at')
                   AND (o -> e.key) IS DISTINCT FROM e.value) AS was,
               (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(n) e
                 WHERE e.key NOT IN ('version', 'updated_at')
                   AND (o -> e.key) IS DISTINCT FROM e.value) AS now
        FROM (SELECT oo.o, nn.n
              FROM (SELECT to_jsonb(o0) AS o FROM old_rows o0) oo
              JOIN (SELECT to_jsonb(n0) AS n FROM new_rows n0) nn
                ON nn.n -> row_key = oo.o -> row_key) pairs
      ) c
      WHERE c.now IS NOT NULL
    ) d
    ORDER BY (d.n ->> row_key)::int;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO audit_event (operation, case_id, entity, entity_id, entity_label, action,
                             new_value, actor, at)
    SELECT operation, (r.n ->> case_key)::int, entity, (r.n ->> row_key)::int,
           left(coalesce(r.n ->> label_key, entity || ' ' || (r.n ->> row_key)), 300),
           'db_insert', (r.n - 'version' - 'updated_at')::text, session_user, clock_timestamp()
    FROM (SELECT to_jsonb(n0) AS n FROM new_rows n0) r
    ORDER BY (r.n ->> row_key)::int;
  ELSE
    INSERT INTO audit_event (operation, case_id, entity, entity_id, entity_label, action,
                             old_value, actor, at)
    SELECT operation, (r.o ->> case_key)::int, entity, (r.o ->> row_key)::int,
           left(coalesce(r.o ->> label_key, entity || ' ' || (r.o ->> row_key)), 300),
           'db_delete', (r.o - 'version' - 'updated_at')::text, session_user, clock_timestamp()
    FROM (SELECT to_jsonb(o0) AS o FROM old_rows o0) r
    ORDER BY (r.o ->> row_key)::int;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION zeromile_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

-- A row's key, and the case it belongs to, never change: moving a vehicle or an exhibit
-- out of an approved case would change that case unseen by its own trail.
CREATE OR REPLACE FUNCTION zeromile_keep_key() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kept text;
BEGIN
  FOREACH kept IN ARRAY TG_ARGV LOOP
    IF to_jsonb(NEW) -> kept IS DISTINCT FROM to_jsonb(OLD) -> kept THEN
      RAISE EXCEPTION 'the %% of a %% row never changes; add a new row', kept, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  RETURN NEW;
END $$;

-- The writers' lock, for the program (``audit_chain.lock``), through the owner's function.
CREATE OR REPLACE FUNCTION zeromile_lock_writers() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT pg_advisory_xact_lock({audit_chain.LOCK_KEY}) $$;

CREATE OR REPLACE FUNCTION zeromile_writers_lock() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({audit_chain.LOCK_KEY});
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION zeromile_is_superuser() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT rolsuper FROM pg_roles WHERE rolname = session_user $$;

CREATE OR REPLACE FUNCTION zeromile_review_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  case_unit int;
  requester text;
  last_approval timestamptz;
BEGIN
  NEW.login := session_user;
  NEW.at := clock_timestamp();
  IF zeromile_is_superuser() THEN
    RETURN NEW;
  END IF;
  -- A step that would end an approval in force without voiding it (a request or a
  -- return of a case ready for hearing) is refused; a void voids an approval in force.
  IF NEW.action IN ('requested', 'returned') AND (SELECT c.status FROM case_file c
      WHERE c.id = NEW.case_id) NOT IN ('open', 'under_review') THEN
    RAISE EXCEPTION 'a review is requested or returned for a case that is open or under '
      'review' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.action = 'voided' AND (SELECT r.action FROM case_review r WHERE r.case_id = NEW.case_id
      ORDER BY r.id DESC LIMIT 1) IS DISTINCT FROM 'approved' THEN
    RAISE EXCEPTION 'a void voids an approval in force; case %% has none', NEW.case_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.action <> 'approved' THEN
    RETURN NEW;
  END IF;
  SELECT unit_id INTO case_unit FROM case_file WHERE id = NEW.case_id;
  IF NOT pg_has_role(session_user, 'zeromile_supervisor', 'MEMBER') OR NOT EXISTS (
      SELECT 1 FROM inspector i JOIN unit_member m ON m.inspector_id = i.id
      WHERE i.login = session_user AND i.active AND i.role = 'supervisor'
        AND m.unit_id = case_unit) THEN
    RAISE EXCEPTION 'approving needs a supervisor of the case''s unit; %% is not one',
      session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.content_hash !~ '^[0-9a-f]{{64}}$' THEN
    RAISE EXCEPTION 'an approval records the case''s content hash (64 hex digits)'
      USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT status FROM case_file WHERE id = NEW.case_id) <> 'under_review' THEN
    RAISE EXCEPTION 'approving needs the case under review' USING ERRCODE = 'check_violation';
  END IF;
  SELECT r.login INTO requester FROM case_review r
    WHERE r.case_id = NEW.case_id AND r.action = 'requested' ORDER BY r.id DESC LIMIT 1;
  IF requester IS NULL THEN
    RAISE EXCEPTION 'approving needs a review requested first' USING ERRCODE = 'check_violation';
  END IF;
  IF requester = session_user THEN
    RAISE EXCEPTION 'approving needs a second person: %% requested this review', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT max(r.at) INTO last_approval FROM case_review r
    WHERE r.case_id = NEW.case_id AND r.action = 'approved';
  IF EXISTS (
      SELECT 1 FROM audit_event e
      WHERE e.actor = session_user AND e.action IN {_SERVER_ACTIONS}
        AND (last_approval IS NULL OR e.at > last_approval)
        AND ((e.case_id = NEW.case_id AND ({_covered("e")}))
             OR (e.entity = 'party' AND e.entity_id IN (
                   SELECT pr.party_id FROM party_role pr WHERE pr.case_id = NEW.case_id)))) THEN
    RAISE EXCEPTION 'approving needs a supervisor who did not change the case since the last '
      'approval; %% changed it', session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

-- A change to a case with an approval in force, made outside the program (which voids
-- the approval itself before it commits), voids it at the commit: the case goes back
-- to under_review and the void names the changes, as the server recorded them. An
-- approval is in force while it is the case's latest review step; a case whose latest
-- step is not an approval is never left ready_for_hearing.
CREATE OR REPLACE FUNCTION zeromile_void_changed() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  approval record;
  lines text[];
  shown text;
  touched int[];
BEGIN
  SELECT array_agg(DISTINCT t.case_id) INTO touched FROM (
    SELECT e.case_id FROM audit_event e
    WHERE e.xact = txid_current() AND e.action IN {_SERVER_ACTIONS} AND e.case_id IS NOT NULL
    UNION
    SELECT pr.case_id FROM audit_event e JOIN party_role pr ON pr.party_id = e.entity_id
    WHERE e.xact = txid_current() AND e.action IN {_SERVER_ACTIONS} AND e.entity = 'party'
  ) t;
  IF touched IS NULL THEN
    RETURN;
  END IF;
  FOR approval IN
    SELECT r.case_id, r.id,
           (SELECT max(e.id) FROM audit_event e
            WHERE e.case_id = r.case_id AND e.entity = 'case_review' AND e.entity_id = r.id
              AND e.action = 'db_insert')
             AS recorded
    FROM case_review r
    WHERE r.id IN (SELECT max(l.id) FROM case_review l
                   WHERE l.case_id = ANY (touched) GROUP BY l.case_id)
      AND r.action = 'approved'
    ORDER BY r.case_id
  LOOP
    SELECT array_agg(c.line ORDER BY c.first) INTO lines FROM (
      SELECT d.line, min(d.id) AS first FROM (
        SELECT e.id,
          CASE
            WHEN e.entity = 'case' AND e.action = 'db_update'
                 AND e.new_value::jsonb ? 'status'
                 AND NOT (e.new_value::jsonb ?| {_CASE_FACTS})
              THEN 'case status ' || (e.old_value::jsonb ->> 'status') || ' -> '
                   || (e.new_value::jsonb ->> 'status')
            ELSE e.entity || ' ' || coalesce(e.entity_label, '') || CASE e.action
              WHEN 'db_update' THEN ' ' || coalesce(e.field, '')
              WHEN 'db_insert' THEN ' added' ELSE ' removed' END
          END || ' (outside ZeroMile)' AS line
        FROM audit_event e
        WHERE e.xact = txid_current() AND e.action IN {_SERVER_ACTIONS}
          AND e.id > coalesce(approval.recorded, 0)
          AND (
            (e.case_id = approval.case_id AND (
               {_covered("e")}
               OR (e.entity = 'case' AND e.action = 'db_update'
                   AND e.new_value::jsonb ->> 'status'
                       NOT IN ('ready_for_hearing', 'closed'))))
            OR (e.entity = 'party' AND e.entity_id IN (
                  SELECT pr.party_id FROM party_role pr WHERE pr.case_id = approval.case_id)))
      ) d
      GROUP BY d.line
    ) c;
    CONTINUE WHEN lines IS NULL;
    shown := array_to_string(lines[1:{_NAMED_VOID_CHANGES}], chr(10));
    IF cardinality(lines) > {_NAMED_VOID_CHANGES} THEN
      shown := shown || chr(10) || 'and '
               || (cardinality(lines) - {_NAMED_VOID_CHANGES}) || ' more';
    END IF;
    INSERT INTO case_review (case_id, action, login, at, comment, content_hash, acknowledged)
    VALUES (approval.case_id, 'voided', session_user, clock_timestamp(), shown, '', '[]');
  END LOOP;
  UPDATE case_file c SET status = 'under_review'
  WHERE c.id = ANY (touched) AND c.status = 'ready_for_hearing'
    AND NOT zeromile_is_superuser()  -- exempt from the review rules, as everywhere
    AND NOT EXISTS (
      SELECT 1 FROM case_review r
      WHERE r.id = (SELECT max(l.id) FROM case_review l WHERE l.case_id = c.id)
        AND r.action = 'approved');
END $$;
REVOKE EXECUTE ON FUNCTION zeromile_void_changed() FROM PUBLIC;

CREATE OR REPLACE FUNCTION zeromile_ready_needs_approval() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT zeromile_is_superuser() AND NOT EXISTS (
      SELECT 1 FROM case_review r
      WHERE r.case_id = NEW.id AND r.action = 'approved' AND r.login = session_user
        AND r.at >= now()) THEN
    RAISE EXCEPTION 'case %% becomes ready_for_hearing only through a supervisor''s approval',
      NEW.reference USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END $$;

-- A stored rule pack is the exact text findings cite, once per content hash: its hash
-- must be its text's, and it is never changed or removed.
CREATE OR REPLACE FUNCTION zeromile_pack_checked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content_hash IS DISTINCT FROM encode(sha256(convert_to(NEW.content, 'UTF8')), 'hex')
  THEN
    RAISE EXCEPTION 'rule pack %% %%: its content hash is not the SHA-256 of its text',
      NEW.pack_id, NEW.version USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- Case numbers only move on, one at a time: a counter set back would make every unit's
-- next case collide with an existing reference.
CREATE OR REPLACE FUNCTION zeromile_counter_moves_on() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.last_value <> 0
     OR TG_OP = 'UPDATE' AND (NEW.year <> OLD.year OR NEW.last_value <> OLD.last_value + 1)
     OR TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'the case number counter only moves on by one'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE OR REPLACE FUNCTION zeromile_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%% is append-only: %% refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION zeromile_guard_audit_head() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit trail is append-only: %% of %% refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
"""  # noqa: S608 - only this module's constants are interpolated

# Case access by unit. Row-level security is forced on every table of case data, so it
# binds the tables' owner too; the owner's own functions (the triggers, the look-ups
# below) pass by ``current_user``, which is the owner only inside them.
_ACCESS = f"""
-- Roles belong to the whole server: an administrator of another store on it is a member
-- of the same group, so this store's own register of people must say so too.
CREATE OR REPLACE FUNCTION zeromile_sees_every_unit() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT pg_has_role(session_user, '{OWNER}', 'MEMBER')
      OR (pg_has_role(session_user, '{ADMIN}', 'MEMBER') AND EXISTS (
            SELECT 1 FROM inspector i
            WHERE i.login = session_user AND i.active AND i.role = 'administrator')) $$;

-- What a reader's checks and exports record is stamped by the server: its time, and for
-- a check the login (a forged "latest check" would otherwise stand until the next one).
CREATE OR REPLACE FUNCTION zeromile_stamp_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.at := clock_timestamp();
  IF TG_TABLE_NAME = 'integrity_check' THEN
    NEW.actor := session_user;
  END IF;
  RETURN NEW;
END $$;

-- Only this store's people may connect (roles are the whole server's), where the one
-- installing may decide it (the database's owner, or a superuser).
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(
      current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()),
      'MEMBER') THEN
    EXECUTE format('REVOKE CONNECT ON DATABASE %%I FROM PUBLIC', current_database());
    EXECUTE (SELECT coalesce(string_agg(format('GRANT CONNECT ON DATABASE %%I TO %%I',
                                               current_database(), r.rolname), '; '),
                             'SELECT 1')
             FROM inspector i JOIN pg_roles r ON r.rolname = i.login);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION zeromile_my_units() RETURNS int[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(m.unit_id), '{{}}') FROM inspector i
  JOIN unit_member m ON m.inspector_id = i.id WHERE i.login = session_user AND i.active $$;

CREATE OR REPLACE FUNCTION zeromile_sees_unit(unit int) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT zeromile_sees_every_unit() OR unit = ANY (zeromile_my_units()) $$;

-- The chain's events the caller may not read, checked by the server: their place in the
-- chain and their hash recomputed from their content, which stays hidden.
-- A party is in the shared register: everyone reads it, but only someone who sees every
-- case it has a role in may change or remove it (a party of another unit's case would
-- otherwise change under that case, and void its approval in someone else's name).
CREATE OR REPLACE FUNCTION zeromile_party_open(party int) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT zeromile_sees_every_unit() OR NOT EXISTS (
    SELECT 1 FROM party_role pr JOIN case_file c ON c.id = pr.case_id
    WHERE pr.party_id = party AND NOT c.unit_id = ANY (zeromile_my_units())) $$;

CREATE OR REPLACE FUNCTION zeromile_hidden_links()
RETURNS TABLE (id bigint, prev_hash text, hash text, recomputed text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.id, e.prev_hash, e.hash, {_chain_hash("e", "e.prev_hash")}
  FROM audit_event e LEFT JOIN case_file c ON c.id = e.case_id
  WHERE e.case_id IS NOT NULL AND NOT zeromile_sees_every_unit()
    AND (c.id IS NULL OR NOT c.unit_id = ANY (zeromile_my_units()))
  ORDER BY e.id $$;

-- Every stored vehicle holding one of the VINs, whoever may read its case: DUP-VIN must
-- count them all. A case the caller may not read is named only by its unit.
DROP FUNCTION IF EXISTS zeromile_vin_holders(text[]);

-- A hidden vehicle's source is told only when it is the caller's own file (``file_sha``,
-- what screening compares with), so the look-up never points at another unit's file.
CREATE OR REPLACE FUNCTION zeromile_vin_holders(vins text[], file_sha text)
RETURNS TABLE (vin text, vehicle_id int, reference text, unit_code text, visible boolean,
               source_sha256 text, source_row int, declaration_no text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT v.vin, v.id, CASE WHEN s.visible THEN c.reference END, u.code, s.visible,
         CASE WHEN s.visible OR v.source_sha256 = file_sha THEN v.source_sha256 END,
         CASE WHEN s.visible OR v.source_sha256 = file_sha THEN v.source_row END,
         CASE WHEN s.visible THEN v.declaration_no END
  FROM vehicle v JOIN case_file c ON c.id = v.case_id LEFT JOIN unit u ON u.id = c.unit_id
  CROSS JOIN LATERAL (SELECT zeromile_sees_unit(c.unit_id) AS visible) s
  WHERE v.vin = ANY (vins)
  ORDER BY v.id $$;
"""  # noqa: S608 - only this module's constants are interpolated

# Evidence content is read through the exhibits that name it (each unit's own); the
# content-addressed store keeps one copy, which these owner-run look-ups decide on.
#: The largest content the shared store keeps in the database. The server hashes every
#: upload, so nobody can store other bytes under a hash; PostgreSQL's sha256() takes one
#: value, so the whole content is put together in the server's memory to hash it.
#: Larger files go to a shared evidence folder.
SERVER_HASHED = 256 * 1024**2

_CONTENT = f"""
DROP FUNCTION IF EXISTS zeromile_content_stored(text);
DROP FUNCTION IF EXISTS zeromile_seal_upload(text, text);

CREATE OR REPLACE FUNCTION zeromile_holds(sha text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM content_holder h WHERE h.sha256 = sha AND h.login = session_user)
      OR zeromile_is_superuser() $$;

CREATE OR REPLACE FUNCTION zeromile_blob_record(sha text)
RETURNS TABLE (size bigint, mime_type text, storage text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- content in a shared folder (no chunks here) is the folder's to guard
  SELECT b.size, b.mime_type, b.storage FROM blob b
  WHERE b.sha256 = sha
    AND (zeromile_holds(sha) OR NOT EXISTS (SELECT 1 FROM blob_chunk c WHERE c.sha256 = sha))
$$;

-- Whether the chunks of an upload in progress are, byte for byte, the content stored
-- under sha (however each side was cut into chunks). It reads both whole whatever it
-- finds, so how long it takes tells nothing of where they differ. Only the owner's
-- functions call it.
CREATE OR REPLACE FUNCTION zeromile_same_bytes(upload text, sha text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  stored_part CURSOR FOR SELECT c.data FROM blob_chunk c WHERE c.sha256 = sha ORDER BY c.seq;
  upload_part CURSOR FOR SELECT c.data FROM blob_chunk c
    WHERE c.upload_id = upload AND c.sha256 IS NULL ORDER BY c.seq;
  a bytea := ''::bytea;
  b bytea := ''::bytea;
  a_done boolean := false;
  b_done boolean := false;
  same boolean := true;
  n int;
BEGIN
  OPEN stored_part;
  OPEN upload_part;
  LOOP
    WHILE length(a) = 0 AND NOT a_done LOOP
      FETCH stored_part INTO a;
      a_done := NOT FOUND;
      IF a_done OR a IS NULL THEN a := ''::bytea; END IF;
    END LOOP;
    WHILE length(b) = 0 AND NOT b_done LOOP
      FETCH upload_part INTO b;
      b_done := NOT FOUND;
      IF b_done OR b IS NULL THEN b := ''::bytea; END IF;
    END LOOP;
    IF length(a) = 0 OR length(b) = 0 THEN
      -- one side is at its end: the other must be too (what is left is read to the end)
      same := same AND length(a) = 0 AND length(b) = 0;
      EXIT WHEN a_done AND b_done;
      a := ''::bytea;
      b := ''::bytea;
      CONTINUE;
    END IF;
    n := least(length(a), length(b));
    same := same AND substring(a FROM 1 FOR n) = substring(b FROM 1 FOR n);
    a := substring(a FROM n + 1);
    b := substring(b FROM n + 1);
  END LOOP;
  RETURN same;
END $$;

-- Store an upload's chunks as content sha, or find them stored already, and record that
-- the login holds the content. Returns whether it was stored already. The login may not
-- read other units' copies, so the server checks: bytes without the hash are refused,
-- and a stored copy that differs from them (so it never had the hash: damaged, or
-- planted before anyone stored the content) is replaced, on the trail.
CREATE OR REPLACE FUNCTION zeromile_store_upload(upload text, sha text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  stored boolean;
  total bigint;
BEGIN
  SELECT coalesce(sum(length(c.data)), 0) INTO total FROM blob_chunk c
    WHERE c.upload_id = upload AND c.sha256 IS NULL;
  IF total > {SERVER_HASHED} THEN
    RAISE EXCEPTION 'the database keeps content up to {SERVER_HASHED} bytes; this is %% '
      '(use a shared evidence folder)', total USING ERRCODE = 'data_exception';
  END IF;
  -- hashed before the writers' lock: nobody waits for it
  IF sha <> encode(sha256(coalesce(
      (SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) FROM blob_chunk c
       WHERE c.upload_id = upload AND c.sha256 IS NULL), ''::bytea)), 'hex') THEN
    RAISE EXCEPTION 'the uploaded bytes do not have SHA-256 %%; nothing was stored', sha
      USING ERRCODE = 'data_exception';
  END IF;
  PERFORM pg_advisory_xact_lock({audit_chain.LOCK_KEY});
  INSERT INTO content_holder (sha256, login, at) VALUES (sha, session_user, clock_timestamp())
    ON CONFLICT DO NOTHING;
  stored := EXISTS (SELECT 1 FROM blob_chunk c WHERE c.sha256 = sha);
  IF stored AND NOT zeromile_same_bytes(upload, sha) THEN
    DELETE FROM blob_chunk c WHERE c.sha256 = sha;
    INSERT INTO audit_event (operation, entity, entity_label, action, field, old_value,
                             new_value, actor, at)
    VALUES (coalesce(nullif(current_setting('zeromile.operation', true), ''),
                     'db-' || txid_current()::text),
            'content', sha, 'update', 'bytes',
            '"stored bytes that did not have this SHA-256 (damaged or planted)"',
            '"the bytes of an upload the server hashed"', session_user, clock_timestamp());
    stored := false;
  END IF;
  IF stored THEN
    DELETE FROM blob_chunk c WHERE c.upload_id = upload AND c.sha256 IS NULL;
  ELSE
    UPDATE blob_chunk c SET sha256 = sha WHERE c.upload_id = upload AND c.sha256 IS NULL;
    -- a record written before the bytes were here (by anyone) now says what they are,
    -- and facts derived before are derived again, from them
    UPDATE blob b SET size = total, storage = 'database'
    WHERE b.sha256 = sha AND (b.size <> total OR b.storage <> 'database');
    DELETE FROM blob_derived d WHERE d.sha256 = sha;
  END IF;
  RETURN stored;
END $$;

CREATE OR REPLACE FUNCTION zeromile_one_copy() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.sha256 IS NOT NULL AND EXISTS (
      SELECT 1 FROM blob_chunk c WHERE c.sha256 = NEW.sha256 AND c.upload_id <> NEW.upload_id)
  THEN
    RAISE EXCEPTION 'content %% is stored already: a second copy is refused', NEW.sha256
      USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END $$;

-- A record of content kept in the database tells the size the server has (a wrong one
-- would make the genuine exhibit's later upload fail); only a holder writes it. Content
-- in a shared folder has no chunks here: its folder's permissions guard it.
CREATE OR REPLACE FUNCTION zeromile_blob_checked() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.storage NOT IN ('file', 'database') THEN
    RAISE EXCEPTION 'content is stored in a file or the database, not %%', NEW.storage
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.storage = 'database'
     OR EXISTS (SELECT 1 FROM blob_chunk c WHERE c.sha256 = NEW.sha256) THEN
    IF NOT zeromile_holds(NEW.sha256) THEN
      RAISE EXCEPTION 'a record of content %% is written by a login that stored it',
        NEW.sha256 USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.size IS DISTINCT FROM (SELECT coalesce(sum(length(c.data)), 0) FROM blob_chunk c
                                  WHERE c.sha256 = NEW.sha256) THEN
      RAISE EXCEPTION 'content %% has another size than %% bytes', NEW.sha256, NEW.size
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- An exhibit names content kept in the database only if its login holds it: a foreign
-- key is checked without row security, and the exhibit would then make the bytes
-- readable to whoever knows the hash.
CREATE OR REPLACE FUNCTION zeromile_exhibit_holds() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM blob_chunk c WHERE c.sha256 = NEW.sha256) THEN
    IF NOT zeromile_holds(NEW.sha256) THEN
      RAISE EXCEPTION 'an exhibit may name only content its login stored (%% is not); '
        'add the file itself', NEW.sha256 USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- the case's unit may read the bytes from now on
    INSERT INTO content_unit (sha256, unit_id)
    SELECT NEW.sha256, c.unit_id FROM case_file c WHERE c.id = NEW.case_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END $$;

-- A case moved to another unit takes the reading of its exhibits' bytes with it.
CREATE OR REPLACE FUNCTION zeromile_case_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO content_unit (sha256, unit_id)
  SELECT DISTINCT e.sha256, NEW.unit_id FROM evidence_item e
  JOIN content_unit u ON u.sha256 = e.sha256 AND u.unit_id = OLD.unit_id
  WHERE e.case_id = NEW.id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Whether the caller may read what is kept of content sha (its bytes, the facts derived
-- from them): they stored it, or they see an exhibit of it in a case of a unit that
-- holds it (see content_unit). Content in a shared folder has no bytes here: an exhibit
-- they see names it.
CREATE OR REPLACE FUNCTION zeromile_may_read(sha text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT zeromile_holds(sha) OR EXISTS (
    SELECT 1 FROM evidence_item e JOIN case_file c ON c.id = e.case_id
    WHERE e.sha256 = sha
      AND (zeromile_sees_every_unit() OR c.unit_id = ANY (zeromile_my_units()))
      AND (EXISTS (SELECT 1 FROM content_unit u WHERE u.sha256 = sha AND u.unit_id = c.unit_id)
           OR NOT EXISTS (SELECT 1 FROM blob_chunk ch WHERE ch.sha256 = sha))) $$;

-- Who may write the facts derived from content sha: whoever stored it in the database,
-- or, for content in a shared folder, whoever sees an exhibit of it.
CREATE OR REPLACE FUNCTION zeromile_may_derive(sha text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM blob_chunk ch WHERE ch.sha256 = sha)
              THEN zeromile_holds(sha) ELSE zeromile_may_read(sha) END $$;

REVOKE EXECUTE ON FUNCTION zeromile_same_bytes(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION zeromile_store_upload(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zeromile_store_upload(text, text) TO {", ".join(WRITERS)};
"""  # noqa: S608 - only this module's constants are interpolated

_OWNER_RUNS = f"current_user = '{OWNER}'"  # inside the owner's own functions
_NAMED_BY_EXHIBIT = "sha256 IN (SELECT sha256 FROM evidence_item)"
#: Row security of the content store: what each command may touch.
_CONTENT_POLICIES = {
    "blob": (
        ("zeromile_read", "SELECT", f"USING ({_OWNER_RUNS} OR {_NAMED_BY_EXHIBIT})"),
        ("zeromile_add", "INSERT", "WITH CHECK (true)"),
        ("zeromile_fix", "UPDATE", f"USING ({_OWNER_RUNS}) WITH CHECK (true)"),
    ),
    "blob_derived": (
        ("zeromile_read", "SELECT", f"USING ({_OWNER_RUNS} OR zeromile_may_read(sha256))"),
        # Derived facts (time taken, place, thumbnail) are written by whoever stored the
        # bytes: the program derives them after the exhibit is written.
        ("zeromile_add", "INSERT", "WITH CHECK (zeromile_may_derive(sha256))"),
        ("zeromile_fix", "DELETE", f"USING ({_OWNER_RUNS})"),
    ),
    "blob_chunk": (
        # An upload in progress has no hash yet; once sealed, a chunk is the content's.
        ("zeromile_read", "SELECT",
         f"USING ({_OWNER_RUNS} OR sha256 IS NULL OR zeromile_may_read(sha256))"),
        ("zeromile_add", "INSERT", "WITH CHECK (sha256 IS NULL)"),
        ("zeromile_seal", "UPDATE", f"USING ({_OWNER_RUNS}) WITH CHECK (true)"),
        ("zeromile_discard", "DELETE", f"USING ({_OWNER_RUNS} OR sha256 IS NULL)"),
    ),
}  # fmt: skip

_PARTY_OPEN = f"{_OWNER_RUNS} OR zeromile_party_open(id)"
#: The shared register of parties: read and added by all, changed by those who see
#: every case the party has a role in.
_PARTY_POLICIES = (
    ("zeromile_read", "SELECT", "USING (true)"),
    ("zeromile_add", "INSERT", "WITH CHECK (true)"),
    ("zeromile_change", "UPDATE", f"USING ({_PARTY_OPEN}) WITH CHECK (true)"),
    ("zeromile_remove", "DELETE", f"USING ({_PARTY_OPEN})"),
)

#: Who may read and write a case: the persons of its unit, and administrators.
_CASE_POLICY = (
    f"(SELECT current_user = '{OWNER}' OR zeromile_sees_every_unit()) "
    "OR unit_id = ANY ((SELECT zeromile_my_units())::int[])"
)
#: Everything under a case follows the case (the case table's own policy applies here).
#: The owner's functions (the trail's triggers) pass first, without the case look-up: it
#: would otherwise run for every event they write.
_UNDER_CASE_POLICY = f"current_user = '{OWNER}' OR case_id IN (SELECT id FROM case_file)"  # noqa: S608


_TRIGGERS = {
    "audit_event": (
        "zeromile_stamp BEFORE INSERT ON audit_event FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_audit_stamp()",
        # only a forged record calls the function (an import writes some 47,000 real ones)
        "zeromile_server_actions BEFORE INSERT ON audit_event FOR EACH ROW "
        f"WHEN (NEW.action IN {_SERVER_ACTIONS} AND current_user <> '{OWNER}') "
        "EXECUTE FUNCTION zeromile_server_actions()",
        "zeromile_head AFTER INSERT ON audit_event DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION zeromile_audit_head()",
        "zeromile_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
        "zeromile_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
    ),
    "case_review": (
        "zeromile_review BEFORE INSERT ON case_review FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_review_stamp()",
        "zeromile_review_append_only BEFORE UPDATE OR DELETE ON case_review FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
    ),
    "case_file": (
        "zeromile_moved AFTER UPDATE OF unit_id ON case_file FOR EACH ROW "
        "WHEN (NEW.unit_id IS DISTINCT FROM OLD.unit_id) EXECUTE FUNCTION zeromile_case_moved()",
        "zeromile_ready_on_update AFTER UPDATE OF status ON case_file DEFERRABLE INITIALLY "
        "DEFERRED FOR EACH ROW WHEN (NEW.status = 'ready_for_hearing' AND OLD.status IS "
        "DISTINCT FROM 'ready_for_hearing') EXECUTE FUNCTION zeromile_ready_needs_approval()",
        "zeromile_ready_on_insert AFTER INSERT ON case_file DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW WHEN (NEW.status = 'ready_for_hearing') "
        "EXECUTE FUNCTION zeromile_ready_needs_approval()",
    ),
    **{
        table: (
            f"zeromile_stamp BEFORE INSERT ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION zeromile_stamp_record()",
            # What was checked and exported is history: never edited, never removed.
            f"zeromile_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION zeromile_refuse_audit_change()",
            f"zeromile_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT "
            "EXECUTE FUNCTION zeromile_refuse_audit_change()",
        )
        for table in READER_RECORDS
    },
    "reference_counter": (
        "zeromile_moves_on BEFORE INSERT OR UPDATE OR DELETE ON reference_counter FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_counter_moves_on()",
        "zeromile_no_truncate BEFORE TRUNCATE ON reference_counter FOR EACH STATEMENT "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
    ),
    "rule_pack": (
        "zeromile_pack_checked BEFORE INSERT ON rule_pack FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_pack_checked()",
        "zeromile_append_only BEFORE UPDATE OR DELETE ON rule_pack FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
        "zeromile_no_truncate BEFORE TRUNCATE ON rule_pack FOR EACH STATEMENT "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
    ),
    "blob_chunk": (
        "zeromile_one_copy BEFORE INSERT OR UPDATE OF sha256 ON blob_chunk FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_one_copy()",
    ),
    "blob": (
        "zeromile_checked BEFORE INSERT OR UPDATE ON blob FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_blob_checked()",
    ),
    "evidence_item": (
        "zeromile_holds BEFORE INSERT OR UPDATE OF sha256 ON evidence_item FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_exhibit_holds()",
    ),
    "audit_head": (
        "zeromile_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_head FOR EACH ROW "
        "EXECUTE FUNCTION zeromile_guard_audit_head()",
        "zeromile_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT "
        "EXECUTE FUNCTION zeromile_refuse_audit_change()",
    ),
}


#: Every table of case data, people and rules, with the entity name the trail uses, the
#: column that labels a row, and the column that names its case. The server records
#: every row inserted, changed or deleted in them (actions ``db_insert``, ``db_update``,
#: ``db_delete``, old and new values as JSON), whoever made the change and however: the
#: program's own field-level events come in addition, so a change made with psql or a
#: modified client is on the trail with its login and its true values.
RECORDED: dict[str, tuple[str, ...]] = {
    "case_file": ("case", "reference", "id"),
    "shipment": ("shipment", "shipment_ref", "case_id"),
    "vehicle": ("vehicle", "vin", "case_id"),
    "party": ("party", "name", ""),
    "party_role": ("party_role", "role", "case_id"),
    "evidence_item": ("evidence", "original_name", "case_id"),
    "evidence_link": ("evidence_link", "", "case_id"),
    "custody_event": ("custody", "item", "case_id"),
    "note": ("note", "", "case_id"),
    "vehicle_assessment": ("vehicle_assessment", "", "case_id", "vehicle_id"),
    "finding": ("finding", "title_en", "case_id"),
    "classification_run": ("classification", "", "case_id"),
    "declaration_import": ("declaration_import", "file_name", "case_id"),
    "case_review": ("case_review", "action", "case_id"),
    "inspector": ("inspector", "login", ""),
    "unit": ("unit", "code", ""),
    "unit_member": ("unit_member", "", ""),
    "rule_pack": ("rule_pack", "pack_id", ""),
}


def _row_triggers(table: str, versioned: bool) -> tuple[str, ...]:
    """The triggers of ``table``: the writers' lock before any row lock, a key that never
    changes, for a versioned table a version that always moves on (psql would not move
    it, and an edited vehicle's findings must go out of date), and the server's records."""
    entity, label, case, *rest = RECORDED[table]
    key = rest[0] if rest else "id"
    args = f"'{entity}', '{label or '-'}', '{case or '-'}', '{key}'"
    kept = ", ".join(f"'{k}'" for k in dict.fromkeys((key, case) if case else (key,)))
    guards = (
        f"zeromile_lock BEFORE INSERT OR UPDATE OR DELETE ON {table} FOR EACH STATEMENT "
        "EXECUTE FUNCTION zeromile_writers_lock()",
        f"zeromile_key BEFORE UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION zeromile_keep_key({kept})",
    )
    bump = (
        (f"zeromile_version BEFORE UPDATE ON {table} FOR EACH ROW "
         "EXECUTE FUNCTION zeromile_bump_version()",)
        if versioned
        else ()
    )  # fmt: skip
    return (
        guards
        + bump
        + tuple(
            f"zeromile_record_{op.lower()} AFTER {op} ON {table} REFERENCING {refs} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION zeromile_record_rows({args})"
            for op, refs in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "OLD TABLE AS old_rows"),
            )
        )
    )


def _roles_exist(conn: Connection) -> set[str]:
    rows = conn.execute(
        sa.text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
        {"names": [OWNER, *GROUPS]},
    )
    return {r[0] for r in rows}


def _create_roles(conn: Connection) -> None:
    missing = {OWNER, *GROUPS} - _roles_exist(conn)
    if not missing:
        return
    allowed = conn.execute(
        sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if not allowed:
        raise StoreError(
            "setting up the shared store needs a database administrator (a role that may "
            f"create roles) to create {', '.join(sorted(missing))}; run 'zeromile init' as one"
        )
    for role in sorted(missing):
        conn.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")


def _tables(conn: Connection) -> list[str]:
    return sorted(sa.inspect(conn).get_table_names())


def installed_version(conn: Connection) -> int:
    """The version of this module's SQL the store has (0: none)."""
    found = conn.execute(
        sa.text("SELECT 1 FROM pg_proc WHERE proname = 'zeromile_security_version'")
    ).first()
    if found is None:
        return 0
    return int(conn.execute(sa.text("SELECT zeromile_security_version()")).scalar_one())


def install(conn: Connection) -> None:
    """Set up roles, ownership, grants and the server-written audit trail (idempotent).

    Runs inside the caller's transaction, as a role that may create roles and hand
    the tables to ``zeromile_owner`` (a superuser or the database's owner with
    CREATEROLE)."""
    _create_roles(conn)
    conn.exec_driver_sql(f"GRANT {OWNER} TO current_user")
    conn.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}")
    conn.exec_driver_sql(_FUNCTIONS)
    conn.exec_driver_sql(_ACCESS)
    conn.exec_driver_sql(_CONTENT)
    tables = _tables(conn)
    inspector = sa.inspect(conn)
    recorded = {
        t: _row_triggers(t, "version" in {c["name"] for c in inspector.get_columns(t)})
        for t in RECORDED
        if t in tables
    }
    for table in sorted({*_TRIGGERS, *recorded}):
        for trigger in (*_TRIGGERS.get(table, ()), *recorded.get(table, ())):
            name = trigger.split()[0]
            kind = "CONSTRAINT TRIGGER" if " DEFERRABLE " in trigger else "TRIGGER"
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            conn.exec_driver_sql(f"CREATE {kind} {trigger}")
    for table in tables:
        conn.exec_driver_sql(f"ALTER TABLE {table} OWNER TO {OWNER}")
    for function in (
        "zeromile_json(text)", "zeromile_audit_stamp()", "zeromile_audit_head()",
        "zeromile_refuse_audit_change()", "zeromile_guard_audit_head()",
        "zeromile_record_rows()", "zeromile_bump_version()", "zeromile_is_superuser()",
        "zeromile_keep_key()", "zeromile_writers_lock()", "zeromile_security_version()",
        "zeromile_lock_writers()", "zeromile_pack_checked()", "zeromile_server_actions()",
        "zeromile_may_read(text)", "zeromile_counter_moves_on()", "zeromile_case_moved()",
        "zeromile_may_derive(text)",
        "zeromile_review_stamp()", "zeromile_ready_needs_approval()", "zeromile_void_changed()",
        "zeromile_sees_every_unit()", "zeromile_my_units()", "zeromile_sees_unit(int)",
        "zeromile_hidden_links()", "zeromile_vin_holders(text[], text)", "zeromile_party_open(int)",
        "zeromile_stamp_record()", "zeromile_holds(text)", "zeromile_blob_record(text)",
        "zeromile_same_bytes(text, text)", "zeromile_store_upload(text, text)",
        "zeromile_one_copy()", "zeromile_blob_checked()", "zeromile_exhibit_holds()",
    ):  # fmt: skip
        conn.exec_driver_sql(f"ALTER FUNCTION {function} OWNER TO {OWNER}")
    _grant(conn, tables)
    _restrict_to_units(conn, tables)
    _restrict_content(conn, tables)


def _force_policies(
    conn: Connection, table: str, policies: tuple[tuple[str, str, str], ...]
) -> None:
    """Forced row-level security on ``table`` with ``policies`` (name, command, rule),
    each replaced if it was there."""
    conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for name, command, rule in policies:
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(f"CREATE POLICY {name} ON {table} FOR {command} {rule}")


def _restrict_content(conn: Connection, tables: list[str]) -> None:
    for table, policies in _CONTENT_POLICIES.items():
        if table in tables:
            _force_policies(conn, table, policies)


def _same_case_triggers(conn: Connection, table: str, refs: list[tuple[str, str, str]]) -> None:
    """Refuse a row of ``table`` that names a vehicle, exhibit, shipment or run of another
    case: foreign keys are checked without row-level security, so a row of one's own case
    could otherwise hang on another unit's vehicle and, keyed by it, stop that unit's
    classification.

    A function of the table's own, with static SQL (its plans are kept for the session):
    an ORM insert is one statement per row, so a statement trigger may run once per row,
    and one generic function planning dynamic SQL each time made an import 1.7 times
    slower."""
    function = f"zeromile_same_case_{table}"
    checks = "\n".join(
        f"""  SELECT n.{column}::text INTO wrong FROM new_rows n WHERE n.{column} IS NOT NULL
    AND (SELECT r.case_id FROM {referred} r WHERE r.{key} = n.{column})
        IS DISTINCT FROM n.case_id LIMIT 1;
  IF wrong IS NOT NULL THEN
    RAISE EXCEPTION 'a {table} row may name only a {referred} of its own case '
      '({referred} %% is another case''s)', wrong USING ERRCODE = 'insufficient_privilege';
  END IF;"""  # noqa: S608 - the schema's own names
        for column, referred, key in refs
    )
    for op in ("INSERT", "UPDATE"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS zeromile_same_case_{op.lower()} ON {table}")
    if not refs:
        return
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$\n"
        f"DECLARE\n  wrong text;\nBEGIN\n{checks}\n  RETURN NULL;\nEND $$"
    )
    conn.exec_driver_sql(f"ALTER FUNCTION {function}() OWNER TO {OWNER}")
    for op in ("INSERT", "UPDATE"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER zeromile_same_case_{op.lower()} AFTER {op} ON {table} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def _restrict_to_units(conn: Connection, tables: list[str]) -> None:
    """Forced row-level security on the cases and every table that names a case; and
    every row under a case names things of that case only."""
    inspector = sa.inspect(conn)
    with_case = {t for t in tables if "case_id" in {c["name"] for c in inspector.get_columns(t)}}
    if "party" in tables:
        _force_policies(conn, "party", _PARTY_POLICIES)
    for table in tables:
        columns = {c["name"]: c for c in inspector.get_columns(table)}
        if table == "case_file":
            policy = _CASE_POLICY
        elif "case_id" in columns:
            policy = _UNDER_CASE_POLICY
            if columns["case_id"]["nullable"]:
                policy = f"case_id IS NULL OR {policy}"
        else:
            continue
        _force_policies(conn, table, (("zeromile_units", "ALL", f"USING ({policy})"),))
        refs = [
            (local, fk["referred_table"], remote)
            for fk in inspector.get_foreign_keys(table)
            if fk["referred_table"] in with_case - {"case_file"}
            for local, remote in zip(fk["constrained_columns"], fk["referred_columns"], strict=True)
        ]
        _same_case_triggers(conn, table, refs)


def _grant(conn: Connection, tables: list[str]) -> None:
    groups = ", ".join(GROUPS)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {groups}")
    conn.exec_driver_sql(f"REVOKE ALL ON {', '.join(tables)} FROM PUBLIC, {groups}")
    tables = [t for t in tables if t not in OWNER_TABLES]
    conn.exec_driver_sql(f"GRANT SELECT ON {', '.join(tables)} TO {groups}")
    case_data = [t for t in tables if t not in (*ADMIN_TABLES, *AUDIT_TABLES, *SCHEMA_TABLES)]
    writers = ", ".join(WRITERS)
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(case_data)} TO {writers}")
    conn.exec_driver_sql(f"GRANT INSERT ON audit_event TO {writers}, {READER}")
    conn.exec_driver_sql(f"GRANT INSERT ON {', '.join(READER_RECORDS)} TO {READER}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(ADMIN_TABLES)} TO {ADMIN}")
    conn.exec_driver_sql("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC")
    conn.exec_driver_sql(
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}, {READER}"
    )
