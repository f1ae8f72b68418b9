import { defineConfig } from 'vitest/config'

// Unit tests run in Node without the Start plugin: they cover plain modules.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
  },
})
