"""Words about the class database (PostgreSQL): the learner's notices and `tutor db`."""

from __future__ import annotations

DATABASE_STRINGS: dict[str, dict[str, object]] = {
    # -- the database URL (TUTOR_DATABASE_URL or `database_url` in the settings file) ---------------
    "database.bad_url_scheme": {
        "fr": "l'adresse de la base de la classe doit commencer par postgresql:// (TUTOR_DATABASE_URL ou "
              "database_url du fichier de réglages)",
        "en": "the class database URL must start with postgresql:// (TUTOR_DATABASE_URL or database_url in the "
              "settings file)",
    },
    "database.bad_url": {
        "fr": "l'adresse de la base de la classe est mal formée (TUTOR_DATABASE_URL ou database_url du fichier "
              "de réglages)",
        "en": "the class database URL is malformed (TUTOR_DATABASE_URL or database_url in the settings file)",
    },
    "settings.file.bad_database_url": {
        "fr": "database_url est une adresse postgresql://…, pas {value}",
        "en": "database_url is a postgresql://… URL, not {value}",
    },
    "database.no_driver": {
        "fr": "une base de classe PostgreSQL est configurée mais psycopg n'est pas installé : "
              "pip install 'nlp-tutor[postgres]'",
        "en": "a PostgreSQL class database is configured but psycopg is not installed: "
              "pip install 'nlp-tutor[postgres]'",
    },
    # -- what the learner is told when the server does not answer (tutor still works) ----------------
    "database.offline": {
        "fr": "La base de la classe ne répond pas ({reason}) : votre progression est gardée sur cet ordinateur "
              "et lui sera envoyée dès son retour.",
        "en": "The class database is not answering ({reason}): your progress is kept on this computer and "
              "will be sent to it when it is back.",
    },
    "database.not_initialised": {
        "fr": "la base n'est pas préparée pour tutor ; l'enseignant doit lancer tutor db init",
        "en": "the database is not set up for tutor; the instructor must run tutor db init",
    },
    "database.newer": {
        "fr": "la base a été préparée par un tutor plus récent (schéma {version}, celui-ci connaît {known})",
        "en": "the database was set up by a newer tutor (schema {version}, this one knows {known})",
    },
    # -- the instructor's reads -------------------------------------------------------------------
    "database.unreachable": {"fr": "base de la classe injoignable : {reason}",
                             "en": "cannot reach the class database: {reason}"},
    "database.refused": {"fr": "la base de la classe a refusé : {reason}",
                         "en": "the class database refused: {reason}"},
    "database.view_read_only": {
        "fr": "vue en lecture seule de la progression d'un apprenant : rien n'y est écrit",
        "en": "a read-only view of a learner's progress: nothing is written to it",
    },
    # -- tutor db ---------------------------------------------------------------------------------
    "help.db": {"fr": "administrer la base PostgreSQL d'une classe", "en": "administer a class's PostgreSQL database"},
    "help.db.description": {
        "fr": "Prépare la base PostgreSQL partagée par une classe répartie sur plusieurs machines, y ajoute "
              "apprenants et enseignants, et dit son état. L'adresse vient de l'argument, sinon de "
              "TUTOR_DATABASE_URL, sinon de database_url dans le fichier de réglages.",
        "en": "Sets up the PostgreSQL database shared by a class spread over several hosts, adds learners and "
              "instructors to it, and tells its state. The URL comes from the argument, else "
              "TUTOR_DATABASE_URL, else database_url in the settings file.",
    },
    "help.db.url": {"fr": "adresse postgresql://… de la base", "en": "the database's postgresql://… URL"},
    "help.db.init": {
        "fr": "créer ou mettre à jour le schéma, les rôles et les règles d'accès (sans risque de le relancer)",
        "en": "create or upgrade the schema, roles and access policies (safe to run again)",
    },
    "help.db.add_learner": {"fr": "créer le rôle de connexion d'un apprenant",
                            "en": "create a learner's login role"},
    "help.db.add_instructor": {"fr": "créer le rôle de connexion d'un enseignant (lit toute la classe)",
                               "en": "create an instructor's login role (reads the whole class)"},
    "help.db.login": {"fr": "nom de connexion PostgreSQL", "en": "PostgreSQL login name"},
    "help.db.password": {
        "fr": "lui donner un mot de passe aléatoire, affiché avec la ligne de ~/.pgpass à lui remettre",
        "en": "give it a random password, printed with the ~/.pgpass line to hand over",
    },
    "help.db.status": {
        "fr": "la base répond-elle, sous quel rôle, et combien de changements attendent sur cette machine",
        "en": "is the database answering, as which role, and how many changes wait on this host",
    },
    "db.no_url": {
        "fr": "aucune base de classe : donnez l'adresse postgresql://… ou définissez TUTOR_DATABASE_URL",
        "en": "no class database: give its postgresql://… URL or set TUTOR_DATABASE_URL",
    },
    "db.bad_login": {
        "fr": "nom de connexion refusé : {login} (1 à 63 caractères, sans caractère de contrôle, ni pg_ au "
              "début, ni {groups})",
        "en": "login name refused: {login} (1 to 63 characters, no control character, no leading pg_, not "
              "{groups})",
    },
    "db.init.done": {
        "fr": "schéma tutor à la version {version} (avant : {before}) ; rôles {learners} et {instructors} prêts, "
              "sécurité par ligne activée et forcée.",
        "en": "tutor schema at version {version} (before: {before}); roles {learners} and {instructors} ready, "
              "row-level security enabled and forced.",
    },
    "db.init.newer": {
        "fr": "la base est au schéma {version}, plus récent que celui de ce tutor ({known}) : rien n'a été changé",
        "en": "the database is at schema {version}, newer than this tutor's ({known}): nothing was changed",
    },
    "db.role.created": {"fr": "rôle {login} créé, membre de {group}.",
                        "en": "role {login} created, member of {group}."},
    "db.role.exists": {"fr": "le rôle {login} existait ; il est membre de {group}.",
                       "en": "role {login} already existed; it is a member of {group}."},
    "db.role.password": {
        "fr": "Mot de passe de {login} : {password}\nLigne de ~/.pgpass (fichier en mode 0600) à lui remettre :\n"
              "{pgpass}",
        "en": "Password of {login}: {password}\nLine of ~/.pgpass (a file in mode 0600) to hand over:\n{pgpass}",
    },
    "db.status.server": {"fr": "serveur : joignable ({server})", "en": "server: reachable ({server})"},
    "db.status.schema": {"fr": "schéma tutor : version {version} (ce tutor connaît {known})",
                         "en": "tutor schema: version {version} (this tutor knows {known})"},
    "db.status.no_schema": {"fr": "schéma tutor : absent (lancez tutor db init)",
                            "en": "tutor schema: missing (run tutor db init)"},
    "db.status.role": {"fr": "connecté en tant que : {login} ({roles})", "en": "connected as: {login} ({roles})"},
    "db.status.role.learner": {"fr": "apprenant", "en": "learner"},
    "db.status.role.instructor": {"fr": "enseignant", "en": "instructor"},
    "db.status.role.superuser": {"fr": "superutilisateur", "en": "superuser"},
    "db.status.role.none": {"fr": "ni apprenant ni enseignant", "en": "neither learner nor instructor"},
    "db.status.cache": {
        "fr": {"one": "sur cette machine ({path}) : {count} changement en attente d'envoi ; refusés par le "
                      "serveur : {rejected}",
               "other": "sur cette machine ({path}) : {count} changements en attente d'envoi ; refusés par le "
                        "serveur : {rejected}"},
        "en": {"one": "on this host ({path}): {count} change waiting to be sent; refused by the server: {rejected}",
               "other": "on this host ({path}): {count} changes waiting to be sent; refused by the server: "
                        "{rejected}"},
    },
    "db.status.no_cache": {"fr": "sur cette machine : aucune copie locale pour {learner}",
                           "en": "on this host: no local copy for {learner}"},
}
