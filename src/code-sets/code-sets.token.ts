/** Injection token for the loaded CodeSetRegistry: `@Inject(CODE_SETS) codeSets: CodeSetRegistry`. */
export const CODE_SETS = Symbol('CODE_SETS');
