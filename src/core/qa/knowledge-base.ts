// The knowledge port lives with the other ports; question answering reads it under this older path too.
export * from '../ports/knowledge-base.ts';
