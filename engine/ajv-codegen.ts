// Only ajv's small code-template module: the browser bundle must not pull in ajv's compiler.
import codeModule from 'ajv/dist/compile/codegen/code.js';

// ajv's code generator is CommonJS; Node and bundlers hand its exports over at different depths.
const codegen = ((codeModule as unknown as { default?: typeof codeModule }).default ?? codeModule) as typeof import('ajv/dist/compile/codegen/code.js');

/** ajv's code template tags and code class, for keywords that generate code like ajv's own. */
export const { _, _Code, str } = codegen;

/** A piece of generated code. */
export type Code = InstanceType<typeof _Code>;
