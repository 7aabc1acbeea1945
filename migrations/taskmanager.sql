CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE outbox_messages (
        id uuid NOT NULL,
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        task_id uuid NOT NULL,
        event_type character varying(50) NOT NULL,
        task_data jsonb NOT NULL,
        assignee_id uuid,
        repository_name character varying(255),
        previous_assignee_id uuid,
        previous_repository_name character varying(255),
        occurred_at timestamp with time zone NOT NULL,
        published_at timestamp with time zone,
        attempts integer NOT NULL,
        last_error character varying(1000),
        CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE repositories (
        id uuid NOT NULL DEFAULT (gen_random_uuid()),
        name character varying(255) NOT NULL,
        url character varying(500),
        created_at timestamp with time zone NOT NULL DEFAULT (now()),
        CONSTRAINT pk_repositories PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE users (
        id uuid NOT NULL DEFAULT (gen_random_uuid()),
        email character varying(255) NOT NULL,
        name character varying(255),
        github_username character varying(255),
        created_at timestamp with time zone NOT NULL DEFAULT (now()),
        CONSTRAINT pk_users PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE api_keys (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        name character varying(100) NOT NULL,
        digest bytea NOT NULL,
        prefix character varying(16) NOT NULL,
        created_at timestamp with time zone NOT NULL,
        last_used_at timestamp with time zone,
        revoked_at timestamp with time zone,
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT fk_api_keys_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE tasks (
        id uuid NOT NULL DEFAULT (gen_random_uuid()),
        title character varying(500) NOT NULL,
        description text,
        status character varying(50) NOT NULL DEFAULT ('not_started'),
        priority character varying(20) NOT NULL DEFAULT ('medium'),
        complexity character varying(20) NOT NULL DEFAULT ('medium'),
        assignee_id uuid,
        repository_id uuid,
        created_by character varying(255) NOT NULL,
        updated_by character varying(255) NOT NULL,
        created_at timestamp with time zone NOT NULL DEFAULT (now()),
        updated_at timestamp with time zone NOT NULL DEFAULT (now()),
        version integer NOT NULL DEFAULT 1,
        deleted_at timestamp with time zone,
        CONSTRAINT pk_tasks PRIMARY KEY (id),
        CONSTRAINT fk_tasks_repositories_repository_id FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE SET NULL,
        CONSTRAINT fk_tasks_users_assignee_id FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE SET NULL
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key character varying(255) NOT NULL,
        request_hash character varying(64) NOT NULL,
        task_id uuid NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key),
        CONSTRAINT fk_idempotency_keys_tasks_task_id FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
        CONSTRAINT fk_idempotency_keys_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE task_comments (
        id uuid NOT NULL DEFAULT (gen_random_uuid()),
        task_id uuid NOT NULL,
        comment character varying(10000) NOT NULL,
        author character varying(255) NOT NULL,
        author_user_id uuid NOT NULL,
        created_at timestamp with time zone NOT NULL DEFAULT (now()),
        CONSTRAINT pk_task_comments PRIMARY KEY (id),
        CONSTRAINT fk_task_comments_tasks_task_id FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE RESTRICT,
        CONSTRAINT fk_task_comments_users_author_user_id FOREIGN KEY (author_user_id) REFERENCES users (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE TABLE task_history (
        id uuid NOT NULL DEFAULT (gen_random_uuid()),
        task_id uuid NOT NULL,
        field_changed character varying(100) NOT NULL,
        old_value text,
        new_value text,
        changed_by character varying(255) NOT NULL,
        actor_user_id uuid NOT NULL,
        actor_api_key_name character varying(100),
        comment text,
        changed_at timestamp with time zone NOT NULL DEFAULT (now()),
        CONSTRAINT pk_task_history PRIMARY KEY (id),
        CONSTRAINT fk_task_history_tasks_task_id FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE RESTRICT,
        CONSTRAINT fk_task_history_users_actor_user_id FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE UNIQUE INDEX ix_api_keys_digest ON api_keys (digest);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_idempotency_keys_task_id ON idempotency_keys (task_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_outbox_published ON outbox_messages (published_at) WHERE published_at IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_outbox_unpublished ON outbox_messages (sequence) WHERE published_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE UNIQUE INDEX ix_repositories_name ON repositories (name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_task_comments_author_user_id ON task_comments (author_user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_task_comments_task_id_created_at ON task_comments (task_id, created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_task_history_actor_user_id ON task_history (actor_user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX ix_task_history_task_id_changed_at_id ON task_history (task_id, changed_at, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_assignee ON tasks (assignee_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_assignee_status ON tasks (assignee_id, status, created_at DESC, id DESC) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_created ON tasks (created_at DESC, id DESC) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_repository ON tasks (repository_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_status ON tasks (status, created_at DESC, id DESC) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE INDEX idx_tasks_updated ON tasks (updated_at, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE UNIQUE INDEX ix_users_email ON users (email);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    CREATE OR REPLACE FUNCTION update_updated_at_column()
    RETURNS TRIGGER AS $$
    BEGIN
        IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
            NEW.updated_at = now();
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER update_tasks_updated_at BEFORE UPDATE ON tasks
        FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125140144_InitialSchema') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261125140144_InitialSchema', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129183147_OutboxTaskDataAsText') THEN
    ALTER TABLE outbox_messages ALTER COLUMN task_data TYPE text USING coalesce(
        '{"id":' || (task_data -> 'id')::text
        || ',"title":' || (task_data -> 'title')::text
        || ',"description":' || (task_data -> 'description')::text
        || ',"status":' || (task_data -> 'status')::text
        || ',"priority":' || (task_data -> 'priority')::text
        || ',"complexity":' || (task_data -> 'complexity')::text
        || ',"assignee":' || CASE jsonb_typeof(task_data -> 'assignee') WHEN 'null' THEN 'null' ELSE
               '{"id":' || (task_data #> '{assignee,id}')::text
               || ',"email":' || (task_data #> '{assignee,email}')::text
               || ',"name":' || (task_data #> '{assignee,name}')::text || '}' END
        || ',"repository":' || (task_data -> 'repository')::text
        || ',"created_by":' || (task_data -> 'created_by')::text
        || ',"updated_by":' || (task_data -> 'updated_by')::text
        || ',"created_at":' || (task_data -> 'created_at')::text
        || ',"updated_at":' || (task_data -> 'updated_at')::text
        || ',"version":' || (task_data -> 'version')::text
        || CASE WHEN task_data -> 'comment' IS NULL THEN '' ELSE
               ',"comment":{"id":' || (task_data #> '{comment,id}')::text
               || ',"task_id":' || (task_data #> '{comment,task_id}')::text
               || ',"comment":' || (task_data #> '{comment,comment}')::text
               || ',"author":' || (task_data #> '{comment,author}')::text
               || ',"created_at":' || (task_data #> '{comment,created_at}')::text || '}' END
        || '}',
        task_data::text);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129183147_OutboxTaskDataAsText') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129183147_OutboxTaskDataAsText', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    ALTER TABLE tasks ADD lease_expires_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    ALTER TABLE tasks ADD lease_holder character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    ALTER TABLE tasks ADD lease_holder_id uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    CREATE TABLE task_dependencies (
        task_id uuid NOT NULL,
        blocked_by_id uuid NOT NULL,
        created_at timestamp with time zone NOT NULL DEFAULT (now()),
        CONSTRAINT pk_task_dependencies PRIMARY KEY (task_id, blocked_by_id),
        CONSTRAINT ck_task_dependencies_not_self CHECK (task_id <> blocked_by_id),
        CONSTRAINT fk_task_dependencies_tasks_blocked_by_id FOREIGN KEY (blocked_by_id) REFERENCES tasks (id) ON DELETE RESTRICT,
        CONSTRAINT fk_task_dependencies_tasks_task_id FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    CREATE INDEX idx_tasks_lease_expires ON tasks (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    CREATE INDEX ix_tasks_lease_holder_id ON tasks (lease_holder_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    CREATE INDEX idx_task_dependencies_blocked_by ON task_dependencies (blocked_by_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    ALTER TABLE tasks ADD CONSTRAINT fk_tasks_users_lease_holder_id FOREIGN KEY (lease_holder_id) REFERENCES users (id) ON DELETE SET NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129192149_LeasesAndDependencies') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129192149_LeasesAndDependencies', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    ALTER TABLE task_comments ADD author_api_key_name character varying(100);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    ALTER TABLE api_keys ADD created_by_user_id uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    ALTER TABLE api_keys ADD expires_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    ALTER TABLE api_keys ADD scopes text[] NOT NULL DEFAULT ('{read,write}'::text[]);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    CREATE INDEX ix_api_keys_created_by_user_id ON api_keys (created_by_user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    ALTER TABLE api_keys ADD CONSTRAINT fk_api_keys_users_created_by_user_id FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129212407_KeyScopesExpiryAndCommentActors') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129212407_KeyScopesExpiryAndCommentActors', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    ALTER TABLE tasks ADD change_seq bigint NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    CREATE INDEX idx_tasks_change ON tasks (change_seq, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    CREATE INDEX idx_tasks_deleted ON tasks (deleted_at) WHERE deleted_at IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    CREATE OR REPLACE FUNCTION stamp_change_seq()
    RETURNS TRIGGER AS $$
    BEGIN
        NEW.change_seq = pg_current_xact_id()::text::bigint;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER stamp_tasks_change_seq BEFORE INSERT OR UPDATE ON tasks
        FOR EACH ROW EXECUTE FUNCTION stamp_change_seq();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    CREATE TABLE sync_floor (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        purged_through bigint NOT NULL
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129223919_CommitOrderedSync') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129223919_CommitOrderedSync', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129231742_OutboxRelayLease') THEN
    CREATE TABLE outbox_relay_lease (
        name text NOT NULL,
        holder text NOT NULL,
        epoch bigint NOT NULL,
        expires_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_outbox_relay_lease PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129231742_OutboxRelayLease') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129231742_OutboxRelayLease', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129232843_UserDeactivation') THEN
    ALTER TABLE users ADD deactivated_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129232843_UserDeactivation') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129232843_UserDeactivation', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129233723_TaskSearchTrigramIndexes') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129233723_TaskSearchTrigramIndexes') THEN
    CREATE INDEX idx_tasks_title_trgm ON tasks USING gin (lower(title) gin_trgm_ops) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129233723_TaskSearchTrigramIndexes') THEN
    CREATE INDEX idx_tasks_description_trgm ON tasks USING gin (lower(description) gin_trgm_ops) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261129233723_TaskSearchTrigramIndexes') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261129233723_TaskSearchTrigramIndexes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130002300_TaskCreatorId') THEN
    ALTER TABLE tasks ADD created_by_id uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130002300_TaskCreatorId') THEN
    CREATE INDEX ix_tasks_created_by_id ON tasks (created_by_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130002300_TaskCreatorId') THEN
    ALTER TABLE tasks ADD CONSTRAINT fk_tasks_users_created_by_id FOREIGN KEY (created_by_id) REFERENCES users (id) ON DELETE RESTRICT;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130002300_TaskCreatorId') THEN
    ALTER TABLE tasks DISABLE TRIGGER update_tasks_updated_at;
    ALTER TABLE tasks DISABLE TRIGGER stamp_tasks_change_seq;
    UPDATE tasks AS t SET created_by_id = created.actor_user_id
    FROM (
        SELECT DISTINCT ON (task_id) task_id, actor_user_id
        FROM task_history
        WHERE field_changed = 'created'
        ORDER BY task_id, changed_at, id
    ) AS created
    WHERE created.task_id = t.id;
    ALTER TABLE tasks ENABLE TRIGGER stamp_tasks_change_seq;
    ALTER TABLE tasks ENABLE TRIGGER update_tasks_updated_at;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130002300_TaskCreatorId') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130002300_TaskCreatorId', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130010837_ApiKeyRepositories') THEN
    ALTER TABLE api_keys ADD repository_ids uuid[];
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130010837_ApiKeyRepositories') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130010837_ApiKeyRepositories', '10.0.15');
    END IF;
END $EF$;
COMMIT;

