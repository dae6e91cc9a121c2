// The emoji data modules scripts/emoji-data.mjs makes (written into dist/, made on request in development).
declare module 'virtual:conv-kit-emoji-data/*' {
  const data: unknown;
  export default data;
}
