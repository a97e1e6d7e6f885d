package io.sanssh.engine.event;

import java.util.List;

/**
 * Client role: during "keyboard-interactive" (RFC 4256 §3.2) the server asks questions. The engine
 * waits for {@code answerPrompts} with one answer per prompt, in order; another attempt may be
 * started instead, which abandons this one.
 *
 * <p>A request with no prompts (which servers use to show an instruction) has already been
 * answered by the engine, as §3.3 requires: then only show {@code name} and {@code instruction}.
 *
 * @param name a title for the dialogue, possibly empty; text from the peer
 * @param instruction text to show before the prompts, possibly empty; text from the peer
 * @param prompts the questions, each with whether the answer may be echoed as it is typed
 */
public record AuthPromptsRequested(String name, String instruction, List<Prompt> prompts) implements SshEvent {
    public AuthPromptsRequested {
        prompts = List.copyOf(prompts);
    }

    /**
     * One question.
     *
     * @param text what to show the user
     * @param echo whether the answer may be shown as it is typed (false for secrets)
     */
    public record Prompt(String text, boolean echo) {
    }

    /** Whether the engine waits for answers (false when there are no prompts). */
    public boolean needsAnswers() {
        return !prompts.isEmpty();
    }
}
