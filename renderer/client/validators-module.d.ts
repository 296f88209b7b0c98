/** The module `renderer/build-client.ts` generates: precompiled validators by round, form and JSON Pointer. */
declare module 'indberet:validators' {
  export const rounds: Record<string, Record<string, Record<string, ((data: unknown) => boolean) & { errors?: unknown }>>>;
}
