/* placeholder: our corrected version of the post's program is being written */
