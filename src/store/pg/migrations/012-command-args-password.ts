/**
 * Migration 12 for PostgreSQL: the passwords taken out of the command lines recorded before
 * argWithoutPassword (../url.ts) did so, by the same pattern: `postgresql://user:password@host`
 * becomes `postgresql://user@host`. Frozen once released.
 */
export default `
UPDATE command_run
   SET args = regexp_replace(args, '(postgres(ql)?://[^:@/[:space:]]*):[^@/[:space:]]*@', '\\1@', 'gi')
 WHERE args ~* 'postgres(ql)?://[^:@/[:space:]]*:[^@/[:space:]]*@';
`;
