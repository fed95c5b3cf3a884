package dev.monoscale.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    private static final String FORM =
            "postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in PGPASSWORD";

    @Test
    void a_url_names_user_host_port_database_and_the_default_schema() {
        PostgresLocation where = PostgresLocation.parse("postgresql://ms@127.0.0.1:5433/memory", "--db");

        assertThat(where).isEqualTo(new PostgresLocation("ms", "127.0.0.1", 5433, "memory", "monoscale", null));
        assertThat(where.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/memory");
        assertThat(where).hasToString("postgresql://ms@127.0.0.1:5433/memory");
    }

    @Test
    void the_port_defaults_to_5432_and_postgres_is_the_scheme_too() {
        assertThat(PostgresLocation.parse("POSTGRES://ms@db.internal/postgres", "--db"))
                .isEqualTo(new PostgresLocation("ms", "db.internal", 5432, "postgres", "monoscale", null));
    }

    @Test
    void a_schema_and_an_sslmode_may_be_named() {
        PostgresLocation where =
                PostgresLocation.parse("postgresql://ms@h:1/d?schema=team_a&sslmode=verify-full", "--db");

        assertThat(where.schema()).isEqualTo("team_a");
        assertThat(where.properties("pw"))
                .containsEntry("sslmode", "verify-full")
                .containsEntry("currentSchema", "team_a")
                .containsEntry("user", "ms")
                .containsEntry("password", "pw");
        assertThat(where).hasToString("postgresql://ms@h:1/d?schema=team_a&sslmode=verify-full");
    }

    @Test
    void without_a_password_the_driver_is_given_none() {
        assertThat(PostgresLocation.parse("postgresql://ms@h/d", "--db").properties(null))
                .doesNotContainKey("password");
    }

    @Test
    void a_password_in_the_url_is_refused_without_being_repeated() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ms:s3cret@127.0.0.1:5432/postgres", "--db"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "--db: db = 'postgresql://ms:***@127.0.0.1:5432/postgres' (a password in the URL; put it in the"
                                + " environment variable PGPASSWORD); allowed: " + FORM);
    }

    @Test
    void a_url_without_user_host_or_database_is_refused_naming_what_is_missing() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://127.0.0.1/postgres", "--db"))
                .hasMessage("--db: db = 'postgresql://127.0.0.1/postgres' (no user); allowed: " + FORM);
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ms@127.0.0.1:5432", "--db"))
                .hasMessage(
                        "--db: db = 'postgresql://ms@127.0.0.1:5432' (no database, or a path of more than one part); allowed: "
                                + FORM);
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ms@127.0.0.1:port/db", "--db"))
                .hasMessage(
                        "--db: db = 'postgresql://ms@127.0.0.1:port/db' (no host (or a port that is not a number)); allowed: "
                                + FORM);
    }

    @Test
    void an_unknown_parameter_or_a_bad_schema_is_refused() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ms@h/d?password=x", "--db"))
                .hasMessage(
                        "--db: db = 'postgresql://ms@h/d?password=x' (parameter 'password' (allowed: schema, sslmode)); allowed: "
                                + FORM);
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ms@h/d?schema=Drop;Table", "--db"))
                .hasMessageStartingWith(
                        "--db: db = 'postgresql://ms@h/d?schema=Drop;Table' (schema 'Drop;Table' (allowed: lower-case");
    }

    @Test
    void only_postgresql_and_postgres_schemes_are_urls_of_this_store() {
        assertThat(PostgresLocation.isUrl("postgresql://ms@h/d")).isTrue();
        assertThat(PostgresLocation.isUrl("Postgres://ms@h/d")).isTrue();
        assertThat(PostgresLocation.isUrl("mysql://ms@h/d")).isFalse();
        assertThat(PostgresLocation.isUrl("data/memory.db")).isFalse();
    }
}
