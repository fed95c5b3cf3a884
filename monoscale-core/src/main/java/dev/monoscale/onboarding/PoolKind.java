package dev.monoscale.onboarding;

/** What kind of workers a pool holds, which decides how a round's warm-up compares them and values them. */
public enum PoolKind {
    /**
     * Workers with different skills, as cards describe them: the warm-up repeats runs per task
     * ({@code WarmupExecutor.Behaviour.REPEATED}) and a worker is valued only where it was tried.
     */
    SPECIALISTS,
    /**
     * Interchangeable generalists, such as models answering the same kinds of question: the warm-up pairs the
     * workers on each task ({@code WarmupExecutor.Behaviour.PAIRED}), and a worker's pass rate across the round
     * says something about patterns it was not tried on (see {@code ValueEstimates#from}).
     */
    GENERALISTS
}
