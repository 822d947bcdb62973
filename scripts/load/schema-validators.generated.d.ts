// Types of the generated standalone validators (see gen-validators.ts).
import type { ValidateFunction } from 'ajv';

export declare const ticket: ValidateFunction;
export declare const runbook: ValidateFunction;
export declare const config: ValidateFunction;
export declare const importMap: ValidateFunction;
