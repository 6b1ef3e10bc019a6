package dev.moat.web.security;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Tells Moat's two authentication mechanisms apart; Jakarta Security allows only one unqualified. */
@Qualifier
@Retention(RUNTIME)
@Target({TYPE, FIELD, PARAMETER})
@interface Mechanism {

    Kind value();

    enum Kind { BEARER_TOKEN, CONSOLE_SIGN_IN }
}
