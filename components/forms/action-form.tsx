"use client";

import { createContext, type FormEvent, type FormHTMLAttributes, type RefObject, startTransition, useContext, useEffect, useRef } from "react";

type ActionFormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit"> & {
  /** The dispatch from useActionState. */
  action: (formData: FormData) => void;
  /** The third value of useActionState: true while this form's submission is being answered. */
  pending: boolean;
  /** The form's current answer (useActionState's state). */
  answer: { ok: boolean } | null;
  /**
   * Fields emptied after a refused answer (a wrong code, a refused password), as a page posted
   * without JavaScript shows them; only when nobody changed the form since it was sent.
   */
  clearAfterRefusal?: readonly string[];
};

type Submission = {
  /** True once a person changed a field after the submission was sent. */
  editedSinceSubmission: RefObject<boolean>;
  pending: boolean;
};

const SubmissionContext = createContext<Submission | null>(null);

/** For the submit button and the alert inside an ActionForm; null elsewhere. */
export function useSubmission(): Submission | null {
  return useContext(SubmissionContext);
}

/**
 * A form posting to a server action that never erases what was typed while it was being
 * answered (ADR 0006, "Later"). React resets a `<form action={fn}>` once its action completes, so a
 * code typed during the check of the previous one was wiped. Without JavaScript the browser
 * posts to `action` as before; with it, the submission runs in a transition of our own, which
 * React does not follow with a reset (ADR 0006, "Later").
 */
export function ActionForm({ action, pending, answer, clearAfterRefusal = [], children, ...formProps }: ActionFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const sent = useRef<FormData | null>(null);
  const editedSinceSubmission = useRef(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    sent.current = formData;
    editedSinceSubmission.current = false;
    startTransition(() => action(formData));
  };

  useEffect(() => {
    const form = formRef.current;
    if (!form || !answer || answer.ok || !sent.current || editedSinceSubmission.current) return;
    for (const name of clearAfterRefusal) {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement && field.value === sent.current.get(name)) field.value = "";
    }
    // Only the answer this effect runs for; a later one compares with its own submission.
    sent.current = null;
    // clearAfterRefusal is a literal list per form: the answer alone decides when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={submit}
      onInput={() => {
        if (pending) editedSinceSubmission.current = true;
      }}
      {...formProps}
    >
      <SubmissionContext value={{ editedSinceSubmission, pending }}>{children}</SubmissionContext>
    </form>
  );
}
