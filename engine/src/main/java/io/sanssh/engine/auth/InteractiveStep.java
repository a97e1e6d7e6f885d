package io.sanssh.engine.auth;

import io.sanssh.spec.userauth.UserAuthInfoRequest.Prompt;
import java.util.List;
import java.util.Objects;

/**
 * One step of a "keyboard-interactive" dialogue (RFC 4256) on the server: accept, reject, or ask
 * the user some questions and continue with the answers.
 */
public sealed interface InteractiveStep {
    /** The user is authenticated by this method. */
    static InteractiveStep accept() {
        return Accept.INSTANCE;
    }

    /** The dialogue failed: SSH_MSG_USERAUTH_FAILURE. */
    static InteractiveStep reject() {
        return Reject.INSTANCE;
    }

    /**
     * Ask {@code prompts} (SSH_MSG_USERAUTH_INFO_REQUEST, RFC 4256 §3.2); {@code next} gets the
     * answers, one per prompt, and returns the next step.
     */
    static InteractiveStep ask(String name, String instruction, List<Prompt> prompts, Responder next) {
        return new Ask(name, instruction, prompts, next);
    }

    /** Continues a dialogue with the client's answers. */
    @FunctionalInterface
    interface Responder {
        /** The answers to the prompts of the step that returned this responder, in order. */
        InteractiveStep answer(List<String> responses);
    }

    /** See {@link #accept()}. */
    enum Accept implements InteractiveStep {
        INSTANCE
    }

    /** See {@link #reject()}. */
    enum Reject implements InteractiveStep {
        INSTANCE
    }

    /**
     * See {@link #ask}.
     *
     * @param name a title, possibly empty
     * @param instruction text shown before the prompts, possibly empty
     * @param prompts the questions; none is allowed (RFC 4256 §3.3: the client still answers)
     * @param next what to do with the answers
     */
    record Ask(String name, String instruction, List<Prompt> prompts, Responder next) implements InteractiveStep {
        public Ask {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instruction, "instruction");
            prompts = List.copyOf(prompts);
            Objects.requireNonNull(next, "next");
        }
    }
}
