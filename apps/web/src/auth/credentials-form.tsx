import { Link } from '@tanstack/react-router'
import { type FormEvent, useId } from 'react'
import { fieldErrors } from '../api/errors'
import { FormError, TextField } from '../ui/form-fields'
import { useStartSession } from './use-session'

const FIELDS = ['email', 'password'] as const

const COPY = {
  login: {
    title: 'Sign in to Echo',
    submit: 'Sign in',
    busy: 'Signing in…',
    passwordAutocomplete: 'current-password',
    switchText: 'New to Echo?',
    switchLink: 'Create an account',
  },
  register: {
    title: 'Create your Echo account',
    submit: 'Create account',
    busy: 'Creating account…',
    passwordAutocomplete: 'new-password',
    switchText: 'Already have an account?',
    switchLink: 'Sign in',
  },
} as const

export function CredentialsForm({
  action,
  redirectTo,
}: {
  action: 'login' | 'register'
  redirectTo: string | undefined
}) {
  const copy = COPY[action]
  const session = useStartSession(action, redirectTo)
  const errors = fieldErrors(session.error)
  const id = useId()

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    session.mutate({
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    })
  }

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Echo</p>
        <h1>{copy.title}</h1>
        {/* POST: a form sent before the page is interactive (or without JavaScript) must not
            put the password in the address bar and the history, as a GET would. */}
        <form method="post" onSubmit={onSubmit} noValidate>
          <FormError error={session.error} fields={FIELDS} />
          <TextField
            id={`${id}-email`}
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={errors.email}
          />
          <TextField
            id={`${id}-password`}
            label="Password"
            name="password"
            type="password"
            autoComplete={copy.passwordAutocomplete}
            required
            error={errors.password}
          />
          <button type="submit" className="button button-wide" disabled={session.isPending}>
            {session.isPending ? copy.busy : copy.submit}
          </button>
        </form>
        <p className="auth-switch">
          {copy.switchText}{' '}
          <Link
            to={action === 'login' ? '/register' : '/login'}
            search={redirectTo ? { redirect: redirectTo } : {}}
          >
            {copy.switchLink}
          </Link>
        </p>
      </div>
    </main>
  )
}
