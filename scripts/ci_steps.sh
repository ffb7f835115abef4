# Steps of .ci/run with their durations (sourced, not run).
#
#   step "name"        ends the step before (printing its duration) and starts "name"
#   ci_steps_summary   ends the last step and prints every step's duration and the
#                      total; .ci/run calls it from its EXIT trap, so the table comes
#                      also when a step fails (that step is marked FAILED).

CI_STEP_NAMES=()
CI_STEP_SECONDS=()
CI_STEP=""
CI_STEP_STARTED=0
CI_RUN_STARTED=$SECONDS

ci_duration() {
    printf '%d:%02d' $(($1 / 60)) $(($1 % 60))
}

ci_step_end() {
    [ -n "$CI_STEP" ] || return 0
    local took=$((SECONDS - CI_STEP_STARTED))
    CI_STEP_NAMES+=("$CI_STEP")
    CI_STEP_SECONDS+=("$took")
    printf -- '---- %s: %s\n' "$CI_STEP" "$(ci_duration "$took")"
    CI_STEP=""
}

step() {
    ci_step_end
    CI_STEP="$*"
    CI_STEP_STARTED=$SECONDS
    printf '\n==== %s\n' "$*"
}

# ci_steps_summary STATUS: the table; with a non-zero STATUS the step that was
# running when the script stopped is the one that failed.
ci_steps_summary() {
    local status=$1 failed="$CI_STEP" i mark
    ci_step_end
    printf '\n==== step times (m:ss)\n'
    for i in "${!CI_STEP_NAMES[@]}"; do
        mark=""
        if [ "$status" -ne 0 ] && [ "${CI_STEP_NAMES[$i]}" = "$failed" ]; then
            mark="  FAILED"
        fi
        printf '%7s  %s%s\n' "$(ci_duration "${CI_STEP_SECONDS[$i]}")" \
            "${CI_STEP_NAMES[$i]}" "$mark"
    done
    printf '%7s  %s\n' "$(ci_duration $((SECONDS - CI_RUN_STARTED)))" \
        "total (exit status $status)"
}
