import { Link } from '@tanstack/react-router'
import { type FormEvent, useId } from 'react'
import { fieldErrors, formErrorMessage } from '../api/errors'
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
  const formError = formErrorMessage(session.error, FIELDS)
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
          {formError ? (
            <p className="form-error" role="alert">
              {formError}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="email"
              required
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? `${id}-email-error` : undefined}
            />
            {errors.email ? (
              <p className="field-error" id={`${id}-email-error`}>
                {errors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete={copy.passwordAutocomplete}
              required
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? `${id}-password-error` : undefined}
            />
            {errors.password ? (
              <p className="field-error" id={`${id}-password-error`}>
                {errors.password}
              </p>
            ) : null}
          </div>
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
